import MailCore
import Testing
@testable import SMTPProtocol

@Suite("SMTP client: transactions")
struct ClientTransactionTests {
    /// A harness past EHLO with `keywords`, the messages enqueued.
    private func ready(
        _ keywords: [String], pipelining: Bool = true, quitsWhenIdle: Bool = true, messages: [SMTPOutboundMessage]
    ) -> (ClientHarness, String) {
        var harness = ClientHarness(tlsPolicy: .disabled, usesPipelining: pipelining)
        harness.quitsWhenIdle = quitsWhenIdle
        for message in messages { harness.contents[message.identifier] = Array("Subject: \(message.identifier)\r\n\r\nbody\r\n".utf8) }
        harness.enqueue(messages.first ?? Fixtures.message())
        harness.nextMessages = Array(messages.dropFirst())
        harness.server(Fixtures.greeting)
        let sent = harness.server(Fixtures.ehlo(keywords))
        return (harness, sent)
    }

    @Test func oneCommandAtATimeWithoutPipelining() {
        let message = Fixtures.message(to: ["bob@receiver.example", "carol@receiver.example"], size: 42)
        var (harness, sent) = ready(["SIZE 1000", "ENHANCEDSTATUSCODES"], messages: [message])
        #expect(sent == "MAIL FROM:<alice@sender.example> SIZE=42\r\n")
        #expect(harness.session.phase == .mail)
        #expect(harness.server("250 2.1.0 ok\r\n") == "RCPT TO:<bob@receiver.example>\r\n")
        #expect(harness.session.phase == .recipient)
        #expect(harness.server("250 2.1.5 ok\r\n") == "RCPT TO:<carol@receiver.example>\r\n")
        #expect(harness.server("250 2.1.5 ok\r\n") == "DATA\r\n")
        #expect(harness.session.phase == .dataInitiation)
        #expect(harness.session.timeoutSeconds == 120)
        #expect(harness.server("354 go\r\n") == "Subject: M1\r\n\r\nbody\r\n.\r\n")
        #expect(harness.session.phase == .dataTermination)
        #expect(harness.session.timeoutSeconds == 600)
        #expect(harness.server("250 2.0.0 queued as X\r\n") == "QUIT\r\n")
        #expect(harness.session.phase == .quit)
        let outcomes = harness.outcomes(of: "M1")
        #expect(outcomes.mapValues(\.brief) == ["<bob@receiver.example>": "delivered 250", "<carol@receiver.example>": "delivered 250"])
        if case .delivered(let reply) = outcomes["<bob@receiver.example>"] {
            #expect(reply == SMTPReply(250, SMTPEnhancedStatusCode(2, 0, 0), "queued as X"))
        }
        harness.server("221 2.0.0 bye\r\n")
        #expect(harness.closeCount == 1)
        #expect(harness.failures.isEmpty)
    }

    @Test func pipelinedGroupIsOneWriteAndRepliesMatchInOrder() throws {
        let message = Fixtures.message(to: ["a@r.example", "b@r.example", "c@r.example"])
        var (harness, sent) = ready(["PIPELINING", "ENHANCEDSTATUSCODES"], messages: [message])
        #expect(sent == "MAIL FROM:<alice@sender.example>\r\nRCPT TO:<a@r.example>\r\nRCPT TO:<b@r.example>\r\nRCPT TO:<c@r.example>\r\nDATA\r\n")
        let groupWrites = harness.actions.filter { if case .send(let bytes) = $0 { return String(decoding: bytes, as: UTF8.self).hasPrefix("MAIL") } else { return false } }
        #expect(groupWrites.count == 1)
        // Some recipients refused: the content still goes to the others.
        let content = harness.server("250 2.1.0 ok\r\n250 2.1.5 ok\r\n550 5.1.1 no such user\r\n451 4.2.0 try later\r\n354 go\r\n")
        #expect(content.hasSuffix("\r\n.\r\n"))
        harness.server("250 2.0.0 ok\r\n")
        let outcomes = harness.outcomes(of: "M1").mapValues(\.brief)
        #expect(outcomes == ["<a@r.example>": "delivered 250", "<b@r.example>": "failed 550", "<c@r.example>": "deferred 451"])
        let refused = try #require(harness.outcomes(of: "M1")["<b@r.example>"])
        if case .failed(let problem) = refused {
            #expect(problem.serverReply?.lines == ["no such user"])
            #expect(problem.status(permanent: true) == SMTPEnhancedStatusCode(5, 1, 1))
            #expect(problem.description.contains("550 5.1.1 no such user"))
        }
    }

    @Test func pipelinedRepliesArrivingOneByteAtATime() {
        let message = Fixtures.message(to: ["a@r.example", "b@r.example"])
        var (harness, _) = ready(["PIPELINING"], messages: [message])
        for byte in "250 ok\r\n250 ok\r\n250 ok\r\n354 go\r\n250 done\r\n221 bye\r\n".utf8 { harness.serverBytes([byte]) }
        #expect(harness.outcomes(of: "M1").values.allSatisfy { $0.brief == "delivered 250" })
        #expect(harness.closeCount == 1)
    }

    @Test func allRecipientsRefusedWithoutPipeliningSkipsDATAAndResetsBeforeTheNextMessage() {
        let first = Fixtures.message("M1", to: ["a@r.example", "b@r.example"])
        let second = Fixtures.message("M2", to: ["c@r.example"])
        var (harness, _) = ready(["ENHANCEDSTATUSCODES"], pipelining: false, messages: [first, second])
        harness.server("250 ok\r\n")
        harness.server("550 5.1.1 unknown\r\n")
        // No DATA after the last refusal: the first message is reported and RSET precedes MAIL.
        #expect(harness.server("450 4.2.1 busy\r\n") == "RSET\r\n")
        #expect(harness.outcomes(of: "M1").mapValues(\.brief) == ["<a@r.example>": "failed 550", "<b@r.example>": "deferred 450"])
        #expect(harness.session.phase == .reset)
        #expect(harness.server("250 2.0.0 reset\r\n") == "MAIL FROM:<alice@sender.example>\r\n")
    }

    @Test func allRecipientsRefusedWhilePipelined() {
        let first = Fixtures.message("M1", to: ["a@r.example"])
        let second = Fixtures.message("M2", to: ["c@r.example"])
        var (harness, _) = ready(["PIPELINING"], messages: [first, second])
        #expect(harness.server("250 ok\r\n550 no\r\n554 no valid recipients\r\n") == "RSET\r\n")
        #expect(harness.outcomes(of: "M1").mapValues(\.brief) == ["<a@r.example>": "failed 550"])
        #expect(harness.server("250 ok\r\n").hasPrefix("MAIL FROM:<alice@sender.example>\r\nRCPT TO:<c@r.example>\r\nDATA\r\n"))
    }

    @Test func pipelinedDATAAcceptedWithoutRecipientsGetsAnEmptyContent() {
        var (harness, _) = ready(["PIPELINING"], messages: [Fixtures.message(to: ["a@r.example"])])
        #expect(harness.server("250 ok\r\n550 no\r\n354 go ahead anyway\r\n") == ".\r\n")
        #expect(harness.results.isEmpty)
        #expect(harness.server("554 no valid recipients\r\n") == "QUIT\r\n")
        #expect(harness.outcomes(of: "M1").mapValues(\.brief) == ["<a@r.example>": "failed 550"])
    }

    @Test(arguments: [("550 5.7.1 sender refused\r\n", "failed 550"), ("451 4.3.0 later\r\n", "deferred 451")])
    func refusedMAILDecidesForEveryRecipient(reply: String, expected: String) {
        var plain = ready([], pipelining: false, messages: [Fixtures.message(to: ["a@r.example", "b@r.example"])]).0
        #expect(plain.server(reply) == "QUIT\r\n")
        #expect(plain.outcomes(of: "M1").values.map(\.brief) == [expected, expected])

        var pipelined = ready(["PIPELINING"], messages: [Fixtures.message(to: ["a@r.example", "b@r.example"])]).0
        #expect(pipelined.server(reply + "503 no\r\n503 no\r\n503 no\r\n") == "QUIT\r\n")
        #expect(pipelined.outcomes(of: "M1").values.map(\.brief) == [expected, expected])
    }

    @Test(arguments: [("554 5.6.0 content refused\r\n", "failed 554"), ("452 4.3.1 full\r\n", "deferred 452")])
    func refusedContentDecidesForAcceptedRecipients(reply: String, expected: String) {
        var (harness, _) = ready(["PIPELINING"], messages: [Fixtures.message(to: ["a@r.example", "b@r.example"])])
        harness.server("250 ok\r\n250 ok\r\n550 no\r\n354 go\r\n")
        harness.server(reply)
        #expect(harness.outcomes(of: "M1").mapValues(\.brief) == ["<a@r.example>": expected, "<b@r.example>": "failed 550"])
    }

    @Test func refusedDATAResetsBeforeTheNextMessage() {
        let messages = [Fixtures.message("M1"), Fixtures.message("M2")]
        var (harness, _) = ready([], pipelining: false, messages: messages)
        harness.server("250 ok\r\n")
        #expect(harness.server("250 ok\r\n") == "DATA\r\n")
        #expect(harness.server("451 not now\r\n") == "RSET\r\n")
        #expect(harness.outcomes(of: "M1").values.map(\.brief) == ["deferred 451"])
    }

    @Test func severalMessagesOnOneConnection() {
        let messages = (1...3).map { Fixtures.message("M\($0)", to: ["r\($0)@r.example"]) }
        var (harness, _) = ready(["PIPELINING", "8BITMIME"], messages: messages)
        for _ in 1...3 {
            #expect(harness.server("250 ok\r\n250 ok\r\n354 go\r\n").hasSuffix("body\r\n.\r\n"))
            harness.server("250 done\r\n")
        }
        #expect(harness.failures.isEmpty)
        #expect(harness.results.map(\.message.identifier) == ["M1", "M2", "M3"])
        #expect(harness.results.allSatisfy { $0.recipientResults.allSatisfy { $0.outcome.brief == "delivered 250" } })
        let sent = String(decoding: harness.sent, as: UTF8.self)
        #expect(!sent.contains("RSET"))
        #expect(sent.components(separatedBy: "MAIL FROM:").count == 4)
        #expect(sent.hasSuffix("QUIT\r\n"))
        #expect(harness.readyCount == 3)
    }

    // MARK: Extensions

    @Test func messageLargerThanSIZEFailsPermanentlyWithoutBeingSent() throws {
        let big = Fixtures.message("BIG", to: ["a@r.example", "b@r.example"], size: 5001)
        let small = Fixtures.message("SMALL", size: 5000)
        let (harness, sent) = ready(["SIZE 5000", "PIPELINING"], messages: [big, small])
        #expect(sent.hasPrefix("MAIL FROM:<alice@sender.example> SIZE=5000\r\n"))
        let outcomes = harness.outcomes(of: "BIG")
        #expect(outcomes.count == 2)
        for outcome in outcomes.values {
            guard case .failed(let problem) = outcome else {
                Issue.record("expected a permanent failure, got \(outcome)")
                continue
            }
            #expect(problem == .messageTooLarge(size: 5001, limit: 5000))
            #expect(problem.status(permanent: true) == SMTPEnhancedStatusCode(5, 3, 4))
            #expect(problem.description.contains("5000"))
        }
    }

    @Test func eightBitContent() {
        let message = Fixtures.message(eightBit: true)
        let offered = ready(["8BITMIME"], messages: [message])
        #expect(offered.1 == "MAIL FROM:<alice@sender.example> BODY=8BITMIME\r\n")

        var notOffered = ready(["PIPELINING"], quitsWhenIdle: false, messages: [message])
        #expect(notOffered.1 == "")
        #expect(notOffered.0.results.map(\.outcome) == [.needsSevenBitConversion])
        #expect(notOffered.0.results.first?.recipientResults.isEmpty == true)
        // The converted copy goes on the same connection.
        var converted = message
        converted.containsEightBitData = false
        #expect(notOffered.0.enqueue(converted).hasPrefix("MAIL FROM:<alice@sender.example>\r\nRCPT"))
    }

    @Test func smtpUTF8Needs() throws {
        let utf8Recipient = Fixtures.message("ADDR", to: ["jörg@bücher.example"])
        let utf8Header = Fixtures.message("HEAD", utf8Header: true)
        var offered = ready(["SMTPUTF8", "8BITMIME"], pipelining: false, messages: [utf8Recipient])
        #expect(offered.1 == "MAIL FROM:<alice@sender.example> SMTPUTF8\r\n")
        #expect(offered.0.server("250 ok\r\n") == "RCPT TO:<jörg@bücher.example>\r\n")

        let notOffered = ready(["8BITMIME"], messages: [utf8Recipient, utf8Header])
        #expect(notOffered.1 == "QUIT\r\n")
        let byAddress = try #require(notOffered.0.outcomes(of: "ADDR").values.first)
        let byHeader = try #require(notOffered.0.outcomes(of: "HEAD").values.first)
        #expect(byAddress == .failed(.smtpUTF8NotOffered(.addresses)))
        #expect(byHeader == .failed(.smtpUTF8NotOffered(.header)))
        if case .failed(let problem) = byAddress { #expect(problem.status(permanent: true) == SMTPEnhancedStatusCode(5, 6, 7)) }
        #expect(!String(decoding: notOffered.0.sent, as: UTF8.self).contains("bücher"))
    }

    @Test func dsnParametersOnlyWhenOffered() {
        let parameters = SMTPRecipientParameters(
            notify: [.success, .failure], originalRecipient: SMTPOriginalRecipient(addressType: "rfc822", address: "old+x=y@r.example"))
        let message = Fixtures.message(
            to: ["a@r.example"], returnContent: .headers, envelopeID: "id 1+2", recipientParameters: parameters)
        let offered = ready(["DSN", "PIPELINING"], messages: [message])
        #expect(offered.1 == "MAIL FROM:<alice@sender.example> RET=HDRS ENVID=id+201+2B2\r\nRCPT TO:<a@r.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;old+2Bx+3Dy@r.example\r\nDATA\r\n")
        #expect(offered.0.results.isEmpty)

        var notOffered = ready(["PIPELINING"], messages: [message])
        #expect(notOffered.1 == "MAIL FROM:<alice@sender.example>\r\nRCPT TO:<a@r.example>\r\nDATA\r\n")
        notOffered.0.server("250 ok\r\n250 ok\r\n354 go\r\n250 ok\r\n")
        #expect(notOffered.0.results.first?.deliveryStatusNotificationsPassedOn == false)
    }

    @Test func dsnParameterEncodings() {
        #expect(SMTPClientCommandEncoder.notifyValue(.never) == "NEVER")
        #expect(SMTPClientCommandEncoder.notifyValue([.delay, .success]) == "SUCCESS,DELAY")
        let utf8 = SMTPOriginalRecipient(addressType: "rfc822", address: "jörg+1@bücher.example")
        #expect(SMTPClientCommandEncoder.originalRecipientValue(utf8, usesSMTPUTF8: true) == "utf-8;jörg\\x{2B}1@bücher.example")
        #expect(SMTPClientCommandEncoder.originalRecipientValue(utf8, usesSMTPUTF8: false) == "utf-8;j\\x{F6}rg\\x{2B}1@b\\x{FC}cher.example")
        #expect(XText.encode("a b=c+\u{7F}") == "a+20b+3Dc+2B+7F")
        #expect(XText.decode(Array(XText.encode("ä ö+=").utf8)[...]) == Array("ä ö+=".utf8))
    }

    @Test func nullSenderAndNoRecipients() {
        let (harness, sent) = ready([], pipelining: false, messages: [Fixtures.message("EMPTY", to: []), Fixtures.message("BOUNCE", from: nil)])
        #expect(harness.results.first?.outcome == .completed([]))
        #expect(sent == "MAIL FROM:<>\r\n")
    }
}
