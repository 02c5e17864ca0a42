import Testing
import MailCore
@testable import IMAPProtocol

@Suite("APPEND streamed (RFC 9051 §6.3.12, MULTIAPPEND RFC 3502, BINARY RFC 3516)")
struct AppendStreamingTests {
    /// The RFC 9051 §6.3.12 example message (CRLF line ends).
    private static let message = Array([
        "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n",
        "From: Fred Foobar <foobar@Blurdybloop.example>\r\n",
        "Subject: afternoon meeting\r\n",
        "To: mooch@owatagu.siam.edu.example\r\n",
        "Message-Id: <B27397-0100000@Blurdybloop.example>\r\n",
        "MIME-Version: 1.0\r\n",
        "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n",
        "\r\n",
        "Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n",
    ].joined().utf8)

    @Test func rfcExampleIsStreamed() {
        var harness = ParserHarness()
        let announce = harness.feed("A003 APPEND saved-messages (\\Seen) {\(Self.message.count)}\r\n")
        #expect(announce == [.appendStart(AppendStart(tag: "A003", mailbox: EncodedMailboxName("saved-messages"))),
                             .appendMessageStart(AppendMessage(flags: [.seen], size: Self.message.count)),
                             .continuationRequest])
        let data = harness.feed(Self.message + Array("\r\n".utf8))
        #expect(data == [.appendMessageBytes(Self.message), .appendMessageEnd, .appendEnd(tag: "A003")])
    }

    @Test func messageArrivesInBoundedPiecesAsItComes() {
        var configuration = CommandParserConfiguration()
        configuration.appendChunkSize = 100
        var harness = ParserHarness(configuration)
        let body = (0..<1000).map { UInt8(truncatingIfNeeded: $0 % 251 + 1) }
        _ = harness.feed("a APPEND INBOX {1000+}\r\n")
        var pieces = [[UInt8]]()
        var ended = false
        for start in stride(from: 0, to: body.count, by: 333) {
            for event in harness.feed(Array(body[start..<min(body.count, start + 333)])) {
                switch event {
                case .appendMessageBytes(let piece): pieces.append(piece)
                case .appendMessageEnd: ended = true
                default: Issue.record("unexpected \(event)")
                }
            }
            // Nothing is held back: what arrived has been handed over.
            #expect(harness.parser.bufferedByteCount == 0)
        }
        #expect(ended)
        #expect(pieces.allSatisfy { $0.count <= 100 })
        #expect(Array(pieces.joined()) == body)
        #expect(harness.feed("\r\n") == [.appendEnd(tag: "a")])
    }

    @Test func dateFlagsAndLiteralMailbox() {
        var harness = ParserHarness()
        #expect(harness.feed("a APPEND {5}\r\n") == [.continuationRequest])
        let events = harness.feed("Draft (\\Draft $Work) \" 7-Feb-1994 21:52:25 -0800\" {3+}\r\nabc\r\n")
        let date = MessageDate(secondsSinceEpoch: 760_686_745, zoneOffsetMinutes: -480)
        #expect(events == [.appendStart(AppendStart(tag: "a", mailbox: EncodedMailboxName("Draft"))),
                           .appendMessageStart(AppendMessage(flags: [.draft, .keyword("$Work")], internalDate: date, size: 3)),
                           .appendMessageBytes(Array("abc".utf8)), .appendMessageEnd, .appendEnd(tag: "a")])
    }

    @Test func multiAppendAndBinary() {
        var harness = ParserHarness()
        let events = harness.feed("m APPEND Archive {2+}\r\nAB (\\Seen) ~{3+}\r\nC\0D \"01-Jan-2020 00:00:00 +0000\" {0+}\r\n\r\n")
        #expect(ParserHarness.joiningAppendData(events) == [
            .appendStart(AppendStart(tag: "m", mailbox: EncodedMailboxName("Archive"))),
            .appendMessageStart(AppendMessage(size: 2)), .appendMessageBytes(Array("AB".utf8)), .appendMessageEnd,
            .appendMessageStart(AppendMessage(flags: [.seen], size: 3, isBinary: true, index: 1)),
            .appendMessageBytes([0x43, 0x00, 0x44]), .appendMessageEnd,
            .appendMessageStart(AppendMessage(internalDate: MessageDate(secondsSinceEpoch: 1_577_836_800), size: 0, index: 2)),
            .appendMessageEnd, .appendEnd(tag: "m")])
    }

    @Test func tooLargeMessageIsRefusedBeforeContinuation() {
        var configuration = CommandParserConfiguration()
        configuration.maximumMessageSize = 5000
        var harness = ParserHarness(configuration)
        let events = harness.feed("a APPEND INBOX {5001}\r\n")
        #expect(events == [.rejected(CommandRejection(tag: "a", status: .no, code: .tooBig,
                                                      text: "the message is larger than 5000 octets"))])
        #expect(harness.feed("b NOOP\r\n") == [.command(TaggedCommand(tag: "b", command: .noop))])
        // A non-synchronizing one is read and dropped.
        let skipped = harness.feed("c APPEND INBOX {6000+}\r\n" + String(repeating: "x", count: 6000) + "\r\nd NOOP\r\n")
        #expect(skipped.count == 2)
        #expect(skipped.last == .command(TaggedCommand(tag: "d", command: .noop)))
    }

    @Test func sessionRefusalBeforeContinuationSparesTheLiteral() {
        var harness = ParserHarness()
        harness.parser.append(Array("a APPEND Nowhere {500}\r\n".utf8))
        #expect(harness.parser.nextEvent() == .appendStart(AppendStart(tag: "a", mailbox: EncodedMailboxName("Nowhere"))))
        // The mailbox does not exist: NO [TRYCREATE] instead of the continuation.
        harness.parser.rejectCurrentCommand()
        #expect(harness.parser.nextEvent() == nil)
        #expect(harness.feed("b NOOP\r\n") == [.command(TaggedCommand(tag: "b", command: .noop))])
    }

    @Test func sessionRefusalAfterDataStartedSkipsTheRest() {
        var harness = ParserHarness()
        let events = harness.feed("a APPEND INBOX {10+}\r\n12345")
        #expect(events.contains(.appendMessageBytes(Array("12345".utf8))))
        harness.parser.rejectCurrentCommand()
        #expect(harness.feed("67890 (\\Seen) {4+}\r\nwxyz {2}\r\n") == [])
        #expect(harness.feed("b NOOP\r\n") == [.command(TaggedCommand(tag: "b", command: .noop))])
    }

    @Test func malformedAppends() {
        for line in ["a APPEND INBOX", "a APPEND INBOX (\\Seen)", "a APPEND INBOX (\\Seen {3}", "a APPEND INBOX \"bad date\" {3}",
                     "a APPEND INBOX \"31-Feb-2020 00:00:00 +0000\" {3}", "a APPEND INBOX {3} {3}", "a APPEND INBOX x {3}"] {
            var harness = ParserHarness()
            let events = harness.feed(line + "\r\n")
            #expect(events.count == 1, "\(line)")
            #expect(events.first.map { if case .rejected(let refusal) = $0 { refusal.tag == "a" } else { false } } == true, "\(line)")
            #expect(harness.feed("b NOOP\r\n") == [.command(TaggedCommand(tag: "b", command: .noop))], "\(line)")
        }
        // Garbage after a message instead of another message or the end.
        var harness = ParserHarness()
        let events = harness.feed("a APPEND INBOX {1+}\r\nx garbage\r\n")
        #expect(events.last == .rejected(CommandRejection(tag: "a", text: "expected another message or the end of the APPEND")))
    }

    @Test func messageCountIsBounded() {
        var configuration = CommandParserConfiguration()
        configuration.maximumMessagesPerAppend = 2
        var harness = ParserHarness(configuration)
        let events = harness.feed("a APPEND INBOX {1+}\r\nx {1+}\r\ny {1+}\r\nz\r\nb NOOP\r\n")
        #expect(events.contains(.rejected(CommandRejection(tag: "a", code: .limit, text: "too many messages in one APPEND"))))
        #expect(events.last == .command(TaggedCommand(tag: "b", command: .noop)))
    }
}
