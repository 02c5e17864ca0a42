import MailCore
import Testing
@testable import SMTPProtocol

@Suite("SMTP session: STARTTLS (RFC 3207)")
struct SessionTLSTests {
    @Test func startTLSFlushesThe220AndResetsTheSessionAfterTheHandshake() throws {
        var harness = SessionHarness(policy: .mx(authentication: .offered))
        harness.start()
        harness.command("EHLO c.example")
        let replies = harness.command("STARTTLS")
        #expect(replies.map(\.status) == ["220 2.0.0"])
        #expect(harness.actionLog.suffix(3) == [.send(.readyToStartTLS), .flush, .startTLS])
        #expect(harness.session.awaiting == .tlsHandshake)
        harness.perform(harness.session.tlsEstablished(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384"))
        #expect(harness.session.tls == SMTPTLSInfo(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384"))
        #expect(harness.session.helloName == nil)
        // The client must say EHLO again; the new list has AUTH and no STARTTLS.
        #expect(harness.reply(to: "MAIL FROM:<a@example.net>")?.status == "503 5.5.1")
        let ehloReply = harness.reply(to: "EHLO c.example")
        let lines = try #require(ehloReply).lines
        #expect(!lines.contains("STARTTLS"))
        #expect(lines.contains("AUTH SCRAM-SHA-256 PLAIN LOGIN"))
        harness.openTransaction()
        harness.command("DATA")
        let envelope = try #require(harness.envelopes.last)
        #expect(envelope.tls?.cipher == "TLS_AES_256_GCM_SHA384")
        #expect(envelope.receivedProtocol == "ESMTPS")
    }

    @Test func commandsPipelinedAfterSTARTTLSAreDiscarded() throws {
        var harness = SessionHarness()
        harness.start()
        harness.command("EHLO c.example")
        let injected = "MAIL FROM:<attacker@example.net>\r\nRCPT TO:<victim@example.org>\r\n"
        let replies = harness.send("STARTTLS\r\n" + injected)
        #expect(replies.map(\.status) == ["220 2.0.0"])
        #expect(harness.session.plaintextBytesDiscardedAtSTARTTLS == injected.utf8.count)
        // Plaintext the glue reads before TLS takes over is discarded too.
        #expect(harness.send("DATA\r\n").isEmpty)
        #expect(harness.session.plaintextBytesDiscardedAtSTARTTLS == injected.utf8.count + 6)
        harness.perform(harness.session.tlsEstablished(version: "TLSv1.2", cipher: "ECDHE-RSA-AES128-GCM-SHA256"))
        harness.command("EHLO c.example")
        // Nothing injected survived: there is no transaction.
        #expect(harness.reply(to: "RCPT TO:<victim@example.org>")?.status == "503 5.5.1")
        #expect(harness.reply(to: "DATA")?.status == "503 5.5.1")
    }

    @Test func startTLSRefusals() {
        var harness = SessionHarness()
        harness.start()
        #expect(harness.reply(to: "STARTTLS")?.status == "503 5.5.1")
        harness.command("EHLO c.example")
        #expect(harness.reply(to: "STARTTLS now")?.status == "501 5.5.4")
        harness.command("MAIL FROM:<a@example.net>")
        #expect(harness.reply(to: "STARTTLS")?.status == "503 5.5.1")

        var noCertificate = SessionHarness(policy: .mx(offersSTARTTLS: false))
        noCertificate.start()
        noCertificate.command("EHLO c.example")
        #expect(noCertificate.reply(to: "STARTTLS")?.status == "502 5.5.1")

        var implicit = SessionHarness(policy: .submissions(), tls: SMTPTLSInfo(version: "TLSv1.3", cipher: "x"))
        implicit.start()
        implicit.command("EHLO c.example")
        #expect(implicit.reply(to: "STARTTLS")?.status == "503 5.5.1")
    }

    @Test func submissionRequiresTLSBeforeMailAndAuth() {
        var harness = SessionHarness(policy: .submission())
        harness.start()
        harness.command("EHLO c.example")
        #expect(harness.reply(to: "MAIL FROM:<a@example.org>")?.status == "530 5.7.0")
        #expect(harness.reply(to: "AUTH PLAIN")?.status == "530 5.7.0")
        #expect(harness.reply(to: "VRFY a")?.status == "530 5.7.0")
        #expect(harness.reply(to: "NOOP") == .ok)
        #expect(harness.reply(to: "RSET") == .ok)
        #expect(harness.reply(to: "HELP")?.code == 214)
        #expect(harness.reply(to: "STARTTLS")?.code == 220)
    }

    @Test func answersForTheWrongQuestionAreIgnored() {
        var harness = SessionHarness()
        harness.start()
        #expect(harness.session.tlsEstablished(version: "TLSv1.3", cipher: "x").isEmpty)
        #expect(harness.session.tls == nil)
        #expect(harness.session.messageCommitted(.accepted(queueID: "x")).isEmpty)
        #expect(harness.session.credentialLookedUp(nil).isEmpty)
        #expect(harness.session.recipientChecked(.accepted).isEmpty)
    }
}
