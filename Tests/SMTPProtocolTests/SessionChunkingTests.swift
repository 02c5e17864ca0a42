import MailCore
import Testing
@testable import SMTPProtocol

@Suite("SMTP session: BDAT (RFC 3030)")
struct SessionChunkingTests {
    private func transaction(limits: Limits = .defaults) -> SessionHarness {
        var harness = SessionHarness(limits: limits)
        harness.start()
        harness.openTransaction()
        return harness
    }

    @Test func chunksAreStreamedAndTheLastOneCommits() throws {
        var harness = transaction()
        #expect(harness.send("BDAT 12\r\nSubject: x\r\n").map(\.status) == ["250 2.0.0"])
        #expect(harness.replies.last?.lines == ["12 octets received"])
        #expect(try #require(harness.envelopes.last).transferMethod == .chunking)
        // The chunk's content is opaque: CRLF.CRLF inside it ends nothing.
        let body = "\r\nbody\r\n.\r\nmore\n"
        #expect(harness.send("BDAT \(body.utf8.count) LAST\r\n\(body)").map(\.status) == ["250 2.0.0"])
        #expect(harness.committedMessages == [Array(("Subject: x\r\n" + body).utf8)])
        #expect(harness.replies.last?.lines == ["OK: queued as Q1"])
    }

    @Test func anEmptyLastChunkEndsTheMessage() {
        var harness = transaction()
        harness.send("BDAT 5\r\nhello")
        #expect(harness.send("BDAT 0 LAST\r\n").map(\.status) == ["250 2.0.0"])
        #expect(harness.committedMessages == [Array("hello".utf8)])
    }

    @Test func aChunkSplitAcrossManyReadsIsExact() {
        var harness = transaction()
        harness.send("BDAT 10 LAST\r\n")
        for byte in "0123456789NOOP\r\n".utf8 { harness.sendBytes([byte]) }
        #expect(harness.committedMessages == [Array("0123456789".utf8)])
        #expect(harness.replies.suffix(2) == [.messageAccepted(queueID: "Q1"), .ok])
    }

    @Test func dataAfterBDATAndRcptAfterBDATAreOutOfSequence() {
        var harness = transaction()
        harness.send("BDAT 3\r\nabc")
        #expect(harness.reply(to: "DATA")?.status == "503 5.5.1")
        #expect(harness.reply(to: "RCPT TO:<late@example.org>")?.status == "503 5.5.1")
        #expect(harness.send("BDAT 3 LAST\r\ndef").map(\.status) == ["250 2.0.0"])
        #expect(harness.committedMessages == [Array("abcdef".utf8)])
    }

    @Test func aRefusedBDATStillConsumesItsChunk() {
        var harness = SessionHarness()
        harness.start()
        harness.command("EHLO c.example")
        // No MAIL: refused, but the chunk (which looks like commands) is swallowed whole.
        let chunk = "MAIL FROM:<evil@example.net>\r\n"
        let replies = harness.send("BDAT \(chunk.utf8.count)\r\n\(chunk)NOOP\r\n")
        #expect(replies.map(\.status) == ["503 5.5.1", "250 2.0.0"])
        #expect(harness.envelopes.isEmpty)
    }

    @Test func aBDATWithoutAcceptedRecipientsIsRefusedAfterItsChunk() {
        var harness = SessionHarness()
        harness.recipientDecision = { _ in .rejected(SMTPReply(550, SMTPEnhancedStatusCode(5, 1, 1), "No such user")) }
        harness.start()
        harness.openTransaction()
        #expect(harness.send("BDAT 4 LAST\r\nRSET").map(\.status) == ["554 5.5.1"])
        #expect(harness.envelopes.isEmpty)
        #expect(harness.reply(to: "NOOP") == .ok)
    }

    @Test func chunksBeyondTheSizeLimitAreRefusedAndTheTransactionEnds() {
        var harness = transaction(limits: .with(\.maxMessageSize, 1024))
        #expect(harness.send("BDAT 1000\r\n" + String(repeating: "a", count: 1000)).map(\.status) == ["250 2.0.0"])
        let second = "BDAT 100\r\n" + String(repeating: "b", count: 100)
        #expect(harness.send(second).map(\.status) == ["552 5.3.4"])
        #expect(harness.abortedMessageCount == 1)
        // A chunk already in the pipeline after the failure is consumed and refused.
        #expect(harness.send("BDAT 4 LAST\r\nRSET").map(\.status) == ["503 5.5.1"])
        #expect(harness.committedMessages.isEmpty)
        #expect(harness.reply(to: "NOOP") == .ok)
    }

    @Test func aHugeChunkSizeIsDiscardedWithoutBeingBuffered() {
        var harness = transaction()
        #expect(harness.send("BDAT 900000000000\r\n").isEmpty)
        for _ in 0..<50 {
            #expect(harness.sendBytes([UInt8](repeating: 0x41, count: 65_536)).isEmpty)
            #expect(harness.session.framer.bufferedByteCount == 0)
        }
        #expect(harness.envelopes.isEmpty)
        #expect(!harness.closed)
    }

    @Test func anUnreadableBDATClosesTheConnection() {
        var harness = transaction()
        #expect(harness.command("BDAT lots").map(\.status) == ["501 5.5.4"])
        #expect(harness.closed)
    }

    @Test func rsetBetweenChunksAbortsTheMessage() {
        var harness = transaction()
        harness.send("BDAT 3\r\nabc")
        #expect(harness.reply(to: "RSET") == .ok)
        #expect(harness.abortedMessageCount == 1)
        #expect(harness.send("BDAT 1 LAST\r\nx").map(\.status) == ["503 5.5.1"])
    }

    @Test func closingMidMessageAbortsIt() {
        var harness = transaction()
        harness.send("BDAT 10\r\nabc")
        harness.perform(harness.session.connectionClosed())
        #expect(harness.abortedMessageCount == 1)
        #expect(harness.session.isClosed)
    }
}
