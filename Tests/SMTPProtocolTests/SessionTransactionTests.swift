import MailCore
import Testing
@testable import SMTPProtocol

@Suite("SMTP session: MAIL, RCPT and DATA")
struct SessionTransactionTests {
    private func started(_ policy: SMTPServerPolicy = .mx(), limits: Limits = .defaults) -> SessionHarness {
        var harness = SessionHarness(policy: policy, limits: limits)
        harness.start()
        return harness
    }

    @Test func aWholeMessageIsStreamedCommittedAndOnlyThenAcknowledged() throws {
        var harness = started()
        harness.commitOutcome = nil
        harness.command("EHLO client.example.net")
        #expect(harness.reply(to: "MAIL FROM:<alice@example.net> SIZE=100 BODY=8BITMIME")?.status == "250 2.1.0")
        #expect(harness.reply(to: "RCPT TO:<bob@example.org> NOTIFY=FAILURE ORCPT=rfc822;bob@example.org")?.status == "250 2.1.5")
        #expect(harness.reply(to: "RCPT TO:<carol@example.org>")?.status == "250 2.1.5")
        #expect(harness.reply(to: "DATA") == .startMailInput)
        let envelope = try #require(harness.envelopes.first)
        #expect(envelope.sender == .mailbox(try EmailAddress(parsing: "alice@example.net")))
        #expect(envelope.mailParameters.body == .eightBitMIME)
        #expect(envelope.recipients.map(\.path.description) == ["<bob@example.org>", "<carol@example.org>"])
        #expect(envelope.recipients.first?.parameters.notify == .failure)
        #expect(envelope.recipients.first?.parameters.originalRecipient?.address == "bob@example.org")
        #expect(envelope.helloName.text == "client.example.net")
        #expect(envelope.remoteAddress == "192.0.2.7")
        #expect(envelope.receivedAt == MessageDate(secondsSinceEpoch: 1_700_000_000))
        #expect(envelope.transferMethod == .data)
        #expect(envelope.receivedProtocol == "ESMTP")
        #expect(envelope.listenerKind == .mx)

        harness.send("Subject: test\r\n\r\n..hello\r\n")
        #expect(harness.openMessage == Array("Subject: test\r\n\r\n.hello\r\n".utf8))
        let replies = harness.send(".\r\n")
        #expect(replies.map(\.status) == ["250 2.0.0"])
        #expect(replies.first?.lines == ["OK: queued as Q1"])
        #expect(harness.committedMessages == [Array("Subject: test\r\n\r\n.hello\r\n".utf8)])
        // The next transaction starts fresh.
        #expect(harness.reply(to: "RCPT TO:<bob@example.org>")?.status == "503 5.5.1")
    }

    @Test func theAcknowledgementWaitsForTheDurableCommit() {
        var harness = started()
        harness.openTransaction()
        harness.commitOutcome = nil
        harness.command("DATA")
        // Commit answered by hand: nothing until then.
        var session = harness.session
        let actions = session.receive(Array("body\r\n.\r\nQUIT\r\n".utf8))
        #expect(actions.contains(.endMessage))
        #expect(!actions.contains { if case .send = $0 { true } else { false } })
        #expect(session.awaiting == .messageCommit)
        let after = session.messageCommitted(.accepted(queueID: "ABC"))
        #expect(after == [
            .send(.messageAccepted(queueID: "ABC")), .send(.closing(hostname: "mx.example.org")), .flush, .close,
        ])
    }

    @Test func aRefusedCommitIsReported() {
        var harness = started()
        harness.openTransaction()
        harness.commitOutcome = { .rejected(SMTPReply(451, SMTPEnhancedStatusCode(4, 3, 0), "Try again")) }
        harness.command("DATA")
        #expect(harness.send("x\r\n.\r\n").map(\.status) == ["451 4.3.0"])
    }

    @Test func outOfSequenceCommandsGet503() {
        var harness = started()
        #expect(harness.reply(to: "MAIL FROM:<a@example.net>")?.status == "503 5.5.1")
        harness.command("EHLO c.example")
        #expect(harness.reply(to: "RCPT TO:<b@example.org>")?.status == "503 5.5.1")
        #expect(harness.reply(to: "DATA")?.status == "503 5.5.1")
        #expect(harness.reply(to: "BDAT 3 LAST")?.status == nil)  // the reply follows the chunk
        #expect(harness.send("abc").map(\.status) == ["503 5.5.1"])
        harness.command("MAIL FROM:<a@example.net>")
        #expect(harness.reply(to: "MAIL FROM:<a@example.net>")?.status == "503 5.5.1")
        #expect(harness.reply(to: "DATA")?.status == "554 5.5.1")  // no valid recipients
    }

    @Test func rejectedChecksAreReportedAndTheTransactionGoesOn() {
        var harness = started()
        harness.recipientDecision = { check in
            check.recipient.address?.localPart == "nobody"
                ? .rejected(SMTPReply(550, SMTPEnhancedStatusCode(5, 1, 1), "No such user")) : .accepted
        }
        harness.command("EHLO c.example")
        harness.command("MAIL FROM:<a@example.net>")
        #expect(harness.reply(to: "RCPT TO:<nobody@example.org>")?.status == "550 5.1.1")
        #expect(harness.reply(to: "DATA")?.status == "554 5.5.1")
        #expect(harness.reply(to: "RCPT TO:<bob@example.org>")?.status == "250 2.1.5")
        #expect(harness.reply(to: "DATA")?.code == 354)
        #expect(harness.envelopes.last?.recipients.count == 1)

        var refusingSender = started()
        refusingSender.senderDecision = { _ in .rejected(SMTPReply(550, SMTPEnhancedStatusCode(5, 7, 1), "Not your address")) }
        refusingSender.command("EHLO c.example")
        #expect(refusingSender.reply(to: "MAIL FROM:<ceo@example.org>")?.status == "550 5.7.1")
        #expect(refusingSender.reply(to: "RCPT TO:<b@example.org>")?.status == "503 5.5.1")
    }

    @Test func theChecksCarryWhatTheGlueNeeds() throws {
        var harness = started()
        var senderChecks: [SMTPSenderCheck] = []
        var recipientChecks: [SMTPRecipientCheck] = []
        harness.senderDecision = nil
        harness.recipientDecision = nil
        harness.command("EHLO c.example")
        harness.perform(harness.session.receive(Array("MAIL FROM:<a@example.net>\r\nRCPT TO:<Postmaster>\r\n".utf8)))
        #expect(harness.session.awaiting == .senderCheck)
        for case .checkSender(let check) in harness.actionLog { senderChecks.append(check) }
        let check = try #require(senderChecks.first)
        #expect(check.sender.description == "<a@example.net>")
        #expect(check.helloName.text == "c.example")
        #expect(check.authenticatedIdentity == nil)
        harness.perform(harness.session.senderChecked(.accepted))
        #expect(harness.session.awaiting == .recipientCheck)
        for case .checkRecipient(let check) in harness.actionLog { recipientChecks.append(check) }
        #expect(recipientChecks.first?.recipient == .postmaster)
        #expect(recipientChecks.first?.acceptedRecipientCount == 0)
        // An answer to a question not asked is ignored.
        #expect(harness.session.senderChecked(.accepted).isEmpty)
        harness.perform(harness.session.recipientChecked(.accepted))
        #expect(harness.replies.suffix(2).map(\.status) == ["250 2.1.0", "250 2.1.5"])
    }

    @Test func duplicateRecipientsAreAcceptedOnce() {
        var harness = started()
        harness.openTransaction(to: ["<bob@example.org>", "<bob@example.org>"])
        harness.command("DATA")
        #expect(harness.envelopes.last?.recipients.count == 1)
    }

    @Test func theRecipientLimitAnswers452() {
        var harness = started(limits: .with(\.maxRecipientsPerMessage, 2))
        harness.command("EHLO c.example")
        harness.command("MAIL FROM:<a@example.net>")
        #expect(harness.reply(to: "RCPT TO:<r1@example.org>")?.status == "250 2.1.5")
        #expect(harness.reply(to: "RCPT TO:<r2@example.org>")?.status == "250 2.1.5")
        #expect(harness.reply(to: "RCPT TO:<r3@example.org>")?.status == "452 4.5.3")
        #expect(harness.session.badCommandCount == 0)
        #expect(harness.reply(to: "DATA")?.code == 354)
        #expect(harness.envelopes.last?.recipients.count == 2)
    }

    @Test func aDeclaredSizeBeyondTheLimitIsRefusedAtMail() {
        var harness = started(limits: .with(\.maxMessageSize, 5000))
        harness.command("EHLO c.example")
        #expect(harness.reply(to: "MAIL FROM:<a@example.net> SIZE=5001")?.status == "552 5.3.4")
        #expect(harness.reply(to: "MAIL FROM:<a@example.net> SIZE=5000")?.status == "250 2.1.0")
    }

    @Test func aMessageGrowingBeyondTheLimitIsAbortedAndRefusedAtItsEnd() {
        var harness = started(limits: .with(\.maxMessageSize, 2000))
        harness.openTransaction()
        harness.command("DATA")
        let line = String(repeating: "y", count: 78) + "\r\n"
        let during = harness.send(String(repeating: line, count: 40))
        #expect(during.isEmpty)
        #expect(harness.abortedMessageCount == 1)
        #expect(harness.send(".\r\n").map(\.status) == ["552 5.3.4"])
        #expect(harness.committedMessages.isEmpty)
        #expect(harness.reply(to: "NOOP") == .ok)
    }

    @Test func bareLineEndingsInDataAreRefusedAtTheEnd() {
        var harness = started()
        harness.openTransaction()
        harness.command("DATA")
        // A smuggling attempt: "LF . LF" and "LF . CRLF" end nothing; the commands after them
        // are content, and the message is refused at the real CRLF.CRLF.
        let smuggled = harness.send("Subject: x\r\n\r\nhi\n.\nMAIL FROM:<admin@example.org>\nRCPT TO:<victim@example.org>\n.\r\n")
        #expect(smuggled.isEmpty)
        let replies = harness.send("DATA\r\n.\r\n")
        #expect(replies.map(\.status) == ["550 5.5.2"])
        #expect(harness.abortedMessageCount == 1)
        #expect(harness.committedMessages.isEmpty)
        #expect(harness.envelopes.count == 1)
        // The smuggled commands were never executed.
        #expect(harness.reply(to: "RCPT TO:<victim@example.org>")?.status == "503 5.5.1")
    }

    @Test func bareLineEndingsCanBeAcceptedByPolicy() {
        var policy = SMTPServerPolicy.mx()
        policy.refusesBareLineEndings = false
        var harness = started(policy)
        harness.openTransaction()
        harness.command("DATA")
        #expect(harness.send("a\nb\r\n.\r\n").map(\.status) == ["250 2.0.0"])
        #expect(harness.committedMessages == [Array("a\nb\r\n".utf8)])
    }

    @Test func aTooLongTextLineIsRefused() {
        var harness = started(limits: .with(\.maxSMTPTextLineLength, 1000))
        harness.openTransaction()
        harness.command("DATA")
        #expect(harness.send(String(repeating: "w", count: 1200) + "\r\n.\r\n").map(\.status) == ["550 5.6.0"])
    }

    @Test func rsetAndEhloEndATransaction() {
        var harness = started()
        harness.openTransaction()
        #expect(harness.reply(to: "RSET") == .ok)
        #expect(harness.reply(to: "DATA")?.status == "503 5.5.1")
        harness.openTransaction()
        harness.command("EHLO again.example")
        #expect(harness.reply(to: "DATA")?.status == "503 5.5.1")
        #expect(harness.session.helloName?.text == "again.example")
    }

    @Test func unofferedParametersGet555() {
        var policy = SMTPServerPolicy.mx()
        policy.extensions = []
        var harness = started(policy)
        harness.command("EHLO c.example")
        #expect(harness.reply(to: "MAIL FROM:<a@example.net> BODY=8BITMIME")?.status == "555 5.5.4")
        #expect(harness.reply(to: "MAIL FROM:<a@example.net> SMTPUTF8")?.status == "555 5.5.4")
        #expect(harness.reply(to: "MAIL FROM:<a@example.net> RET=FULL")?.status == "555 5.5.4")
        #expect(harness.reply(to: "MAIL FROM:<a@example.net> BODY=BINARYMIME")?.status == "555 5.5.4")
        #expect(harness.reply(to: "MAIL FROM:<a@example.net> AUTH=<>")?.status == "555 5.5.4")
        #expect(harness.reply(to: "MAIL FROM:<a@example.net> BODY=7BIT")?.status == "250 2.1.0")
        #expect(harness.reply(to: "RCPT TO:<b@example.org> NOTIFY=NEVER")?.status == "555 5.5.4")
        #expect(harness.reply(to: "BDAT 2 LAST")?.status == nil)
        #expect(harness.send("ab").map(\.status) == ["502 5.5.1"])
    }

    @Test func smtpUTF8TransactionsCarryUTF8Addresses() throws {
        var harness = started()
        harness.command("EHLO c.example")
        #expect(harness.reply(to: "MAIL FROM:<jörg@bücher.example> SMTPUTF8")?.status == "250 2.1.0")
        #expect(harness.reply(to: "RCPT TO:<用户@例子.example>")?.status == "250 2.1.5")
        harness.command("DATA")
        let envelope = try #require(harness.envelopes.last)
        #expect(envelope.mailParameters.requestsSMTPUTF8)
        #expect(envelope.receivedProtocol == "UTF8SMTP")
        #expect(envelope.recipients.first?.path.address?.domain == "例子.example")

        var ascii = started()
        ascii.command("EHLO c.example")
        ascii.command("MAIL FROM:<a@example.net>")
        #expect(ascii.reply(to: "RCPT TO:<用户@例子.example>")?.status == "553 5.6.7")
    }

    @Test func binaryMIMENeedsBDAT() {
        var policy = SMTPServerPolicy.mx()
        policy.extensions.insert(.binaryMIME)
        var harness = started(policy)
        harness.openTransaction(from: "<a@example.net> BODY=BINARYMIME")
        #expect(harness.reply(to: "DATA")?.status == "503 5.5.1")
        harness.send("BDAT 3 LAST\r\n\u{0}\u{1}\u{2}")
        #expect(harness.replies.last?.status == "250 2.0.0")
        #expect(harness.committedMessages.last == [0, 1, 2])
    }

    @Test func theAuthParameterOfAnUnauthenticatedClientIsTreatedAsUnknown() throws {
        var harness = started(.mx(authentication: .offered))
        harness.openTransaction(from: "<a@example.net> AUTH=a+40example.net")
        harness.command("DATA")
        #expect(try #require(harness.envelopes.last).mailParameters.submitter == .unknown)
    }
}

@Suite("SMTP session: pipelining")
struct SessionPipeliningTests {
    @Test func aPipelinedBatchIsAnsweredInOrderWithOneFlush() {
        var harness = SessionHarness()
        harness.start()
        harness.command("EHLO c.example")
        let flushesBefore = harness.flushCount
        let replies = harness.send("MAIL FROM:<a@example.net>\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\nDATA\r\n")
        #expect(replies.map(\.code) == [250, 250, 250, 354])
        #expect(harness.flushCount == flushesBefore + 1)
        #expect(harness.actionLog.last == .flush)
    }

    @Test func repliesAreNotFlushedWhileAnAnswerIsAwaited() {
        var harness = SessionHarness()
        harness.start()
        harness.command("EHLO c.example")
        harness.recipientDecision = nil
        let flushes = harness.flushCount
        harness.send("MAIL FROM:<a@example.net>\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\n")
        #expect(harness.flushCount == flushes)
        #expect(harness.session.awaiting == .recipientCheck)
        harness.perform(harness.session.recipientChecked(.accepted))
        #expect(harness.flushCount == flushes)
        harness.perform(harness.session.recipientChecked(.accepted))
        #expect(harness.flushCount == flushes + 1)
        #expect(harness.replies.suffix(3).map(\.code) == [250, 250, 250])
    }

    @Test func commandsPipelinedAfterTheEndOfDataWaitForTheCommit() {
        var harness = SessionHarness()
        harness.start()
        harness.openTransaction()
        harness.command("DATA")
        let replies = harness.send("hello\r\n.\r\nMAIL FROM:<a@example.net>\r\nRCPT TO:<b@example.org>\r\nBDAT 5 LAST\r\nworldQUIT\r\n")
        #expect(replies.map(\.status) == ["250 2.0.0", "250 2.1.0", "250 2.1.5", "250 2.0.0", "221 2.0.0"])
        #expect(harness.committedMessages == [Array("hello\r\n".utf8), Array("world".utf8)])
        #expect(harness.closed)
    }

    @Test func pipelinedInputBeyondTheBufferLimitWhileWaitingClosesTheSession() {
        var harness = SessionHarness(configure: { $0.maximumBufferedInput = 16_384 })
        harness.start()
        harness.command("EHLO c.example")
        harness.senderDecision = nil
        harness.send("MAIL FROM:<a@example.net>\r\n")
        #expect(harness.session.awaiting == .senderCheck)
        harness.send(String(repeating: "NOOP\r\n", count: 2000))
        #expect(harness.closed == false)
        harness.send(String(repeating: "NOOP\r\n", count: 1000))
        #expect(harness.closed)
        #expect(harness.replies.last?.status == "421 4.7.0")
        #expect(harness.session.framer.bufferedByteCount == 0)
    }
}
