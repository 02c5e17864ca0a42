import MailCore
import Testing
@testable import SMTPProtocol

/// Collects everything a framer yields for some input.
private func frame(_ chunks: [[UInt8]], framer: inout SMTPInputFramer) -> [SMTPFramedInput] {
    var outputs: [SMTPFramedInput] = []
    for chunk in chunks {
        framer.append(chunk)
        while let input = framer.next() { outputs.append(input) }
    }
    return outputs
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// DATA content as the framer reports it: the concatenated content, how often the size limit
/// was reported, the end summary, and anything after it.
private struct DataOutcome {
    var content: [UInt8] = []
    var sizeLimitReports = 0
    var summary: SMTPMessageDataSummary?
    var after: [SMTPFramedInput] = []
}

private func readData(_ chunks: [[UInt8]], limits: Limits = .defaults) -> DataOutcome {
    var framer = SMTPInputFramer(limits: limits)
    framer.readMessageData()
    var outcome = DataOutcome()
    for input in frame(chunks, framer: &framer) {
        switch input {
        case .messageContent(let content) where outcome.summary == nil:
            outcome.content += content
        case .messageTooLarge:
            outcome.sizeLimitReports += 1
        case .endOfMessageData(let summary) where outcome.summary == nil:
            outcome.summary = summary
        default:
            outcome.after.append(input)
        }
    }
    return outcome
}

@Suite("SMTP input framer: command lines")
struct InputFramerLineTests {
    @Test func linesEndWithCRLFOrLF() {
        var framer = SMTPInputFramer(limits: .defaults)
        let outputs = frame([bytes("EHLO a.example\r\nNOOP\nRSET\r\n")], framer: &framer)
        #expect(outputs == [.line(bytes("EHLO a.example")), .line(bytes("NOOP")), .line(bytes("RSET"))])
    }

    @Test func aLineSplitAcrossReadsIsJoined() {
        var framer = SMTPInputFramer(limits: .defaults)
        let outputs = frame([bytes("EH"), bytes("LO a\r"), bytes("\n")], framer: &framer)
        #expect(outputs == [.line(bytes("EHLO a"))])
    }

    @Test func aLineAtTheLimitIsAcceptedAndOneOctetMoreIsNot() {
        let limit = Limits.defaults.maxSMTPCommandLineLength
        var framer = SMTPInputFramer(limits: .defaults)
        let fits = String(repeating: "a", count: limit - 2) + "\r\n"
        let tooLong = String(repeating: "b", count: limit - 1) + "\r\n"
        let outputs = frame([bytes(fits + tooLong + "NOOP\r\n")], framer: &framer)
        #expect(outputs == [.line(bytes(String(repeating: "a", count: limit - 2))), .overlongLine, .line(bytes("NOOP"))])
    }

    @Test func anOverlongLineIsDiscardedAsItArrivesAndReportedWhereItEnds() {
        var framer = SMTPInputFramer(limits: .defaults)
        var reports: [SMTPFramedInput] = []
        for _ in 0..<200 {
            framer.append([UInt8](repeating: UInt8(ascii: "x"), count: 1000))
            while let input = framer.next() { reports.append(input) }
            #expect(framer.bufferedByteCount <= Limits.defaults.maxSMTPCommandLineLength)
        }
        #expect(reports.isEmpty)
        reports += frame([bytes("tail\r\nQUIT\r\n")], framer: &framer)
        #expect(reports == [.overlongLine, .line(bytes("QUIT"))])
    }

    @Test func aConfiguredLineLimitApplies() {
        var framer = SMTPInputFramer(limits: .with(\.maxSMTPCommandLineLength, 1000))
        let line = String(repeating: "a", count: 900)
        #expect(frame([bytes(line + "\r\n")], framer: &framer) == [.line(bytes(line))])
    }

    @Test func aLongerLimitCanBeSetForAuthenticationResponses() {
        var framer = SMTPInputFramer(limits: .defaults)
        framer.readLines(maximumLength: 12_288)
        let response = String(repeating: "QUJD", count: 2000)
        #expect(frame([bytes(response + "\r\n")], framer: &framer) == [.line(bytes(response))])
    }

    @Test func stoppingHandsBackWhatFollowedSTARTTLS() {
        var framer = SMTPInputFramer(limits: .defaults)
        framer.append(bytes("STARTTLS\r\nMAIL FROM:<evil@example.net>\r\nRCPT"))
        #expect(framer.next() == .line(bytes("STARTTLS")))
        framer.stop()
        #expect(framer.next() == nil)
        framer.append(bytes(" TO:<x@example.org>\r\n"))
        #expect(framer.next() == nil)
        #expect(framer.takeBufferedBytes() == bytes("MAIL FROM:<evil@example.net>\r\nRCPT TO:<x@example.org>\r\n"))
        #expect(framer.bufferedByteCount == 0)
    }
}

@Suite("SMTP input framer: DATA")
struct InputFramerDataTests {
    @Test func dotStuffingIsRemovedAndTheEndMarkerEndsTheData() {
        let outcome = readData([bytes("Subject: hi\r\n\r\n..leading dot\r\n.\r\nQUIT\r\n")])
        #expect(outcome.content == bytes("Subject: hi\r\n\r\n.leading dot\r\n"))
        #expect(outcome.summary?.size == outcome.content.count)
        #expect(outcome.summary?.sawBareLineEnding == false)
        #expect(outcome.after == [.line(bytes("QUIT"))])
    }

    @Test func aDotOnlyAtTheStartOfALineIsSpecial() {
        let outcome = readData([bytes("a.b\r\n.x\r\n...\r\n. \r\n.\r\n")])
        #expect(outcome.content == bytes("a.b\r\nx\r\n..\r\n \r\n"))
    }

    @Test func anEmptyMessageIsJustTheEndMarker() {
        let outcome = readData([bytes(".\r\n")])
        #expect(outcome.content.isEmpty)
        #expect(outcome.summary == SMTPMessageDataSummary())
    }

    @Test func theEndMarkerIsFoundWhereverTheInputIsSplit() {
        let wire = bytes("From: a@example.net\r\n\r\nline one\r\n..stuffed\r\n..\r\n\r\nlast\r\n.\r\nNOOP\r\n")
        let expected = bytes("From: a@example.net\r\n\r\nline one\r\n.stuffed\r\n.\r\n\r\nlast\r\n")
        for split in 0...wire.count {
            let outcome = readData([Array(wire[..<split]), Array(wire[split...])])
            #expect(outcome.content == expected, "split at \(split)")
            #expect(outcome.summary?.sawBareLineEnding == false, "split at \(split)")
            #expect(outcome.after == [.line(bytes("NOOP"))], "split at \(split)")
        }
        let byteByByte = readData(wire.map { [$0] })
        #expect(byteByByte.content == expected)
        #expect(byteByByte.after == [.line(bytes("NOOP"))])
    }

    @Test(arguments: [
        ("a\n.\nMAIL FROM:<x@example.net>\r\n", "a\n.\nMAIL FROM:<x@example.net>\r\n", true, false),
        ("a\r\n.\nMAIL FROM:<x@example.net>\r\n", "a\r\n\nMAIL FROM:<x@example.net>\r\n", true, false),
        ("a\n.\r\nMAIL FROM:<x@example.net>\r\n", "a\n.\r\nMAIL FROM:<x@example.net>\r\n", true, false),
        ("a\r.\rMAIL FROM:<x@example.net>\r\n", "a\r.\rMAIL FROM:<x@example.net>\r\n", false, true),
        ("a\r\n.\rMAIL FROM:<x@example.net>\r\n", "a\r\n\rMAIL FROM:<x@example.net>\r\n", false, true),
    ])
    func bareLineEndingsNeverEndTheData(wire: String, content: String, bareLineFeed: Bool, bareCarriageReturn: Bool) {
        // What follows the smuggling attempt is content; only the final CRLF.CRLF ends it.
        let outcome = readData([bytes(wire + ".\r\nRSET\r\n")])
        #expect(outcome.content == bytes(content))
        #expect(outcome.summary?.sawBareLineFeed == bareLineFeed)
        #expect(outcome.summary?.sawBareCarriageReturn == bareCarriageReturn)
        #expect(outcome.after == [.line(bytes("RSET"))])
    }

    @Test func contentIsStreamedAsItArrives() {
        var framer = SMTPInputFramer(limits: .defaults)
        framer.readMessageData()
        framer.append(bytes("first part "))
        #expect(framer.next() == .messageContent(bytes("first part ")))
        #expect(framer.next() == nil)
        framer.append(bytes("second\r"))
        #expect(framer.next() == .messageContent(bytes("second")))
        framer.append(bytes("\n.\r\n"))
        #expect(framer.next() == .messageContent(bytes("\r\n")))
        #expect(framer.next() == .endOfMessageData(SMTPMessageDataSummary(size: 19)))
        #expect(framer.mode == .lines(maximumLength: Limits.defaults.maxSMTPCommandLineLength))
    }

    @Test func contentBeyondTheSizeLimitIsCountedAndDiscardedButTheEndIsFound() {
        let limits = Limits.with(\.maxMessageSize, 1024)
        let line = String(repeating: "z", count: 98) + "\r\n"
        let outcome = readData([bytes(String(repeating: line, count: 30)), bytes(".\r\nQUIT\r\n")], limits: limits)
        #expect(outcome.content.count == 1024)
        #expect(outcome.sizeLimitReports == 1)
        #expect(outcome.summary?.exceededMaximumSize == true)
        #expect(outcome.summary?.size == 3000)
        #expect(outcome.after == [.line(bytes("QUIT"))])
    }

    @Test func aTextLineLongerThanTheLimitIsRecorded() {
        let limits = Limits.with(\.maxSMTPTextLineLength, 1000)
        let fits = readData([bytes(String(repeating: "a", count: 998) + "\r\n.\r\n")], limits: limits)
        #expect(fits.summary?.exceededMaximumLineLength == false)
        let tooLong = readData([bytes(String(repeating: "a", count: 999) + "\r\n.\r\n")], limits: limits)
        #expect(tooLong.summary?.exceededMaximumLineLength == true)
    }
}

@Suite("SMTP input framer: BDAT chunks")
struct InputFramerChunkTests {
    @Test func exactlyTheAnnouncedOctetsAreRead() {
        var framer = SMTPInputFramer(limits: .defaults)
        framer.readChunk(octets: 13, discarding: false)
        let outputs = frame([bytes("abc\r\n.\r\nxyz\r"), bytes("\nBDAT 0 LAST\r\n")], framer: &framer)
        #expect(outputs == [
            .chunkContent(bytes("abc\r\n.\r\nxyz\r")), .chunkContent(bytes("\n")), .endOfChunk,
            .line(bytes("BDAT 0 LAST")),
        ])
    }

    @Test func anEmptyChunkEndsAtOnce() {
        var framer = SMTPInputFramer(limits: .defaults)
        framer.readChunk(octets: 0, discarding: false)
        #expect(framer.next() == .endOfChunk)
        #expect(framer.next() == nil)
    }

    @Test func aDiscardedChunkIsConsumedWithoutContent() {
        var framer = SMTPInputFramer(limits: .defaults)
        framer.readChunk(octets: 10, discarding: true)
        let outputs = frame([bytes("MAIL FROM:"), bytes("<x>\r\nNOOP\r\n")], framer: &framer)
        #expect(outputs == [.endOfChunk, .line(bytes("<x>")), .line(bytes("NOOP"))])
    }

    @Test func aChunkArrivingOneByteAtATimeIsWhole() {
        var framer = SMTPInputFramer(limits: .defaults)
        let chunk = bytes("Subject: x\r\n\r\nbody\n.\n")
        framer.readChunk(octets: chunk.count, discarding: false)
        var content: [UInt8] = []
        var ended = false
        for byte in chunk + bytes("QUIT\r\n") {
            framer.append([byte])
            while let input = framer.next() {
                switch input {
                case .chunkContent(let part): content += part
                case .endOfChunk: ended = true
                default: break
                }
            }
        }
        #expect(content == chunk)
        #expect(ended)
    }
}
