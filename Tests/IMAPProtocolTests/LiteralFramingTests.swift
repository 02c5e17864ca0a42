import Testing
import MailCore
@testable import IMAPProtocol

@Suite("Line and literal framing (RFC 9051 §4.3, RFC 7888) and its limits")
struct LiteralFramingTests {
    /// A pipeline mixing quoted strings that look like literals, synchronizing and
    /// non-synchronizing literals, an APPEND and a bare-LF line.
    private static let pipeline = Array(("a1 LOGIN \"{5}\" {6}\r\nse\"c{t\r\n"
        + "a2 SEARCH CHARSET UTF-8 SUBJECT {3+}\r\nabc BODY \"x\"\r\n"
        + "a3 APPEND INBOX (\\Seen) {12}\r\nHello\r\nWorld\r\n"
        + "a4 NOOP\n"
        + "a5 LIST \"\" {1}\r\n%\r\n").utf8)

    private static let expected: [CommandParserEvent] = [
        .continuationRequest,
        .command(TaggedCommand(tag: "a1", command: .login(username: "{5}", password: "se\"c{t"))),
        .command(TaggedCommand(tag: "a2", command: .search(SearchCommand(charset: "UTF-8", key: .and([.subject("abc"), .body("x")]))))),
        .appendStart(AppendStart(tag: "a3", mailbox: EncodedMailboxName("INBOX"))),
        .appendMessageStart(AppendMessage(flags: [.seen], size: 12)),
        .continuationRequest,
        .appendMessageBytes(Array("Hello\r\nWorld".utf8)),
        .appendMessageEnd,
        .appendEnd(tag: "a3"),
        .command(TaggedCommand(tag: "a4", command: .noop)),
        .continuationRequest,
        .command(TaggedCommand(tag: "a5", command: .list(ListCommand(reference: EncodedMailboxName(""),
                                                                     patterns: [MailboxPattern("%")])))),
    ]

    @Test func wholePipelineAtOnce() {
        var harness = ParserHarness()
        #expect(ParserHarness.joiningAppendData(harness.feed(Self.pipeline)) == Self.expected)
        #expect(harness.parser.bufferedByteCount == 0)
    }

    @Test func splitAtEveryByteBoundary() {
        for split in 1..<Self.pipeline.count {
            var harness = ParserHarness()
            let events = ParserHarness.joiningAppendData(harness.feed(Array(Self.pipeline[..<split]))
                + harness.feed(Array(Self.pipeline[split...])))
            #expect(events == Self.expected, "split at \(split)")
        }
    }

    @Test func oneByteAtATimeAndOddPieces() {
        for sizes in [[1], [2], [3, 1, 7], [13, 5]] {
            var harness = ParserHarness()
            #expect(harness.feed(Self.pipeline, inPiecesOf: sizes) == Self.expected, "pieces \(sizes)")
        }
    }

    @Test func continuationComesBeforeTheLiteralIsSent() {
        var harness = ParserHarness()
        // The announcement alone yields the continuation request; nothing else is parsed yet.
        #expect(harness.feed("a LOGIN {3}\r\n") == [.continuationRequest])
        #expect(harness.feed("bob") == [])
        #expect(harness.feed(" {2+}\r\npw") == [])
        #expect(harness.feed("\r\n") == [.command(TaggedCommand(tag: "a", command: .login(username: "bob", password: "pw")))])
    }

    @Test func quotedBracesAreNotLiterals() {
        #expect(command("a LOGIN \"{5}\" \"x{3}\"") == .login(username: "{5}", password: "x{3}"))
        #expect(command("a LOGIN \"a\\\"{5}\" b") == .login(username: "a\"{5}", password: "b"))
        // An unterminated quoted string ends at the line break: a syntax error, not a literal.
        var harness = ParserHarness()
        let events = harness.feed("a LOGIN \"x {5}\r\n")
        #expect(events.count == 1)
        #expect(events.first.map { if case .rejected = $0 { true } else { false } } == true)
    }

    @Test func blankLinesAreIgnored() {
        var harness = ParserHarness()
        #expect(harness.feed("\r\n\r\n\na NOOP\r\n") == [.command(TaggedCommand(tag: "a", command: .noop))])
    }

    @Test func overlongLineIsRefusedBeforeItEnds() {
        var configuration = CommandParserConfiguration()
        configuration.maximumLineLength = 1000
        var harness = ParserHarness(configuration)
        let events = harness.feed("t7 LOGIN " + String(repeating: "x", count: 1200))
        #expect(events == [.rejected(CommandRejection(tag: "t7", text: "command line too long (the limit is 1000 octets)"))])
        // The rest of the line is skipped without being kept, and the next command is read.
        #expect(harness.feed(String(repeating: "y", count: 50_000)) == [])
        #expect(harness.parser.bufferedByteCount == 0)
        #expect(harness.feed("\r\nt8 NOOP\r\n") == [.command(TaggedCommand(tag: "t8", command: .noop))])
    }

    @Test func lineLimitCountsEveryLineOfACommand() {
        var configuration = CommandParserConfiguration()
        configuration.maximumLineLength = 1000
        var harness = ParserHarness(configuration)
        let first = "a SEARCH TEXT {1}\r\n"
        var events = harness.feed(first + "x")
        for _ in 0..<100 { events += harness.feed(" TEXT {1+}\r\nx") }
        #expect(events.contains { if case .rejected(let refusal) = $0 { refusal.tag == "a" } else { false } })
    }

    @Test func hugeSynchronizingLiteralIsRefusedBeforeContinuation() {
        var harness = ParserHarness()
        let events = harness.feed("a LOGIN {999999999}\r\n")
        #expect(events == [.rejected(CommandRejection(tag: "a", code: .tooBig,
                                                      text: "literal too large (the limit is 65536 octets)"))])
        // No continuation was sent, so the client sends no literal: the next line is a command.
        #expect(harness.feed("b NOOP\r\n") == [.command(TaggedCommand(tag: "b", command: .noop))])
        // A number too large for any integer is refused the same way.
        #expect(harness.feed("c LOGIN {99999999999999999999999}\r\n").first.map {
            if case .rejected(let refusal) = $0 { refusal.tag == "c" && !refusal.closesConnection } else { false }
        } == true)
    }

    @Test func literalsOfOneCommandAreBoundedTogether() {
        var configuration = CommandParserConfiguration()
        configuration.maximumLiteralSize = 1000
        configuration.maximumLiteralBytesPerCommand = 1500
        var harness = ParserHarness(configuration)
        var events = harness.feed("a SEARCH TEXT {1000}\r\n")
        events += harness.feed(String(repeating: "x", count: 1000) + " TEXT {600}\r\n")
        #expect(events.first == .continuationRequest)
        #expect(events.last.map { if case .rejected(let refusal) = $0 { refusal.code == .tooBig } else { false } } == true)
        #expect(harness.parser.bufferedByteCount == 0)
    }

    @Test func oversizedNonSynchronizingLiteralIsSkipped() {
        var configuration = CommandParserConfiguration()
        configuration.maximumLiteralSize = 1000
        var harness = ParserHarness(configuration)
        // LITERAL+: the client sends the data anyway; it is dropped with the rest of the command.
        let events = harness.feed("a LOGIN {2000+}\r\n" + String(repeating: "z", count: 2000) + " {3+}\r\nabc\r\nb NOOP\r\n")
        #expect(events.count == 2)
        #expect(events.first.map { if case .rejected(let refusal) = $0 { refusal.tag == "a" && refusal.code == .tooBig } else { false } } == true)
        #expect(events.last == .command(TaggedCommand(tag: "b", command: .noop)))
    }

    @Test func literalMinusLimitsNonSynchronizingLiterals() {
        var harness = ParserHarness(CommandParserConfiguration(nonSynchronizingLiterals: .literalMinus))
        let accepted = harness.feed("a LOGIN {4096+}\r\n" + String(repeating: "u", count: 4096) + " p\r\n")
        #expect(accepted.count == 1)
        #expect(accepted.first.map { if case .command = $0 { true } else { false } } == true)
        // RFC 7888 §4: over 4096 octets under LITERAL- is BAD [TOOBIG]; the octets are skipped.
        let refused = harness.feed("b LOGIN {4097+}\r\n" + String(repeating: "u", count: 4097) + " p\r\nc NOOP\r\n")
        #expect(refused.first == .rejected(CommandRejection(tag: "b", code: .tooBig,
                                                            text: "non-synchronizing literals are limited to 4096 octets")))
        #expect(refused.last == .command(TaggedCommand(tag: "c", command: .noop)))
        // With LITERAL+ the same literal is accepted.
        var plus = ParserHarness(CommandParserConfiguration(nonSynchronizingLiterals: .literalPlus))
        let events = plus.feed("b LOGIN {4097+}\r\n" + String(repeating: "u", count: 4097) + " p\r\n")
        #expect(events.first.map { if case .command = $0 { true } else { false } } == true)
    }

    @Test func unskippableLiteralClosesTheConnection() {
        var configuration = CommandParserConfiguration()
        configuration.maximumLiteralSize = 1000
        configuration.maximumDiscardedLiteralSize = 10_000
        var harness = ParserHarness(configuration)
        let events = harness.feed("a LOGIN {20000+}\r\nxxxx")
        #expect(events.first.map { if case .rejected(let refusal) = $0 { refusal.closesConnection } else { false } } == true)
        #expect(harness.parser.isClosed)
        #expect(harness.feed("b NOOP\r\n") == [])
    }

    @Test func literal8IsOnlyForAppend() {
        var harness = ParserHarness()
        let events = harness.feed("a LOGIN ~{3}\r\n")
        #expect(events.count == 1)
        #expect(events.first.map { if case .rejected(let refusal) = $0 { refusal.tag == "a" } else { false } } == true)
    }

    @Test func nulInALiteralIsRefused() {
        var harness = ParserHarness()
        _ = harness.feed("a LOGIN {3}\r\n")
        let events = harness.feed([0x61, 0x00, 0x62] + Array(" b\r\n".utf8))
        #expect(events.first.map { if case .rejected(let refusal) = $0 { refusal.text.contains("NUL") } else { false } } == true)
    }
}
