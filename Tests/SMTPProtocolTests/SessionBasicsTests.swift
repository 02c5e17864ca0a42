import MailCore
import Testing
@testable import SMTPProtocol

@Suite("SMTP session: greeting, hello and simple commands")
struct SessionBasicsTests {
    @Test func greetingIsSentAndFlushed() {
        var harness = SessionHarness()
        let replies = harness.start()
        #expect(replies == [.greeting(hostname: "mx.example.org")])
        #expect(harness.actionLog.last == .flush)
        #expect(replies.first?.description == "220 mx.example.org ESMTP Martlet\r\n")
    }

    @Test func aClientTalkingBeforeTheGreetingIsRefusedAndDisconnected() {
        var harness = SessionHarness()
        harness.send("EHLO spam.example\r\nMAIL FROM:<x@spam.example>\r\n")
        #expect(harness.replies.isEmpty)
        let replies = harness.start()
        #expect(replies.map(\.status) == ["554 5.5.0"])
        #expect(harness.closed)
        #expect(harness.send("QUIT\r\n").isEmpty)
    }

    @Test func ehloListsTheExtensionsOfAnMXListener() {
        var harness = SessionHarness(policy: .mx())
        harness.start()
        let reply = harness.reply(to: "EHLO client.example.net")
        #expect(reply?.code == 250)
        #expect(reply?.enhancedCode == nil)
        #expect(reply?.lines == [
            "mx.example.org", "PIPELINING", "SIZE 52428800", "8BITMIME", "SMTPUTF8", "CHUNKING", "DSN",
            "ENHANCEDSTATUSCODES", "STARTTLS",
        ])
        #expect(harness.session.helloName?.text == "client.example.net")
        #expect(harness.session.usedExtendedHello)
    }

    @Test func ehloAdvertisesOnlyWhatApplies() {
        var limits = Limits.defaults
        limits.maxMessageSize = 10_000
        var policy = SMTPServerPolicy.mx(offersSTARTTLS: false)
        policy.extensions = [.chunking, .binaryMIME]
        var harness = SessionHarness(policy: policy, limits: limits)
        harness.start()
        #expect(harness.reply(to: "EHLO c.example")?.lines == [
            "mx.example.org", "SIZE 10000", "CHUNKING", "BINARYMIME", "ENHANCEDSTATUSCODES",
        ])
    }

    @Test func authIsAdvertisedOnlyOverTLSUnlessPlaintextIsAllowed() {
        var beforeTLS = SessionHarness(policy: .submission())
        beforeTLS.start()
        let plainLines = beforeTLS.reply(to: "EHLO c.example")?.lines ?? []
        #expect(plainLines.contains("STARTTLS"))
        #expect(!plainLines.contains { $0.hasPrefix("AUTH") })

        var overTLS = SessionHarness(policy: .submissions(), tls: SMTPTLSInfo(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256"))
        overTLS.start()
        let tlsLines = overTLS.reply(to: "EHLO c.example")?.lines ?? []
        #expect(tlsLines.contains("AUTH SCRAM-SHA-256 PLAIN LOGIN"))
        #expect(!tlsLines.contains("STARTTLS"))

        var development = SessionHarness(policy: .submission(allowsAuthenticationWithoutTLS: true))
        development.start()
        #expect(development.reply(to: "EHLO c.example")?.lines.contains("AUTH SCRAM-SHA-256 PLAIN LOGIN") == true)

        var mx = SessionHarness(policy: .mx(), tls: SMTPTLSInfo(version: "TLSv1.3", cipher: "x"))
        mx.start()
        #expect(mx.reply(to: "EHLO c.example")?.lines.contains { $0.hasPrefix("AUTH") } == false)
    }

    @Test func heloAnswersWithTheHostnameOnly() {
        var harness = SessionHarness()
        harness.start()
        #expect(harness.reply(to: "HELO client.example.net") == SMTPReply(250, nil, "mx.example.org"))
        #expect(!harness.session.usedExtendedHello)
    }

    @Test func aMalformedHelloIsRefused() {
        var harness = SessionHarness()
        harness.start()
        #expect(harness.reply(to: "EHLO")?.status == "501 5.5.4")
        #expect(harness.reply(to: "HELO a b")?.status == "501 5.5.4")
        #expect(harness.session.helloName == nil)
    }

    @Test func noopRsetHelpVrfyExpnQuit() {
        var harness = SessionHarness()
        harness.start()
        #expect(harness.reply(to: "NOOP") == .ok)
        #expect(harness.reply(to: "RSET") == .ok)
        #expect(harness.reply(to: "HELP")?.status == "214 2.0.0")
        #expect(harness.reply(to: "VRFY postmaster")?.status == "252 2.1.5")
        #expect(harness.reply(to: "EXPN staff")?.status == "502 5.5.1")
        #expect(harness.reply(to: "QUIT")?.status == "221 2.0.0")
        #expect(harness.closed)
        #expect(harness.actionLog.suffix(2) == [.flush, .close])
    }

    @Test func unknownCommandsAndOverlongLinesAreRefused() {
        var harness = SessionHarness()
        harness.start()
        #expect(harness.reply(to: "XYZZY")?.status == "500 5.5.2")
        #expect(harness.reply(to: String(repeating: "N", count: 600))?.status == "500 5.5.2")
        #expect(harness.session.badCommandCount == 2)
        #expect(harness.reply(to: "NOOP") == .ok)
    }

    @Test func theSessionClosesAfterTooManyBadCommands() {
        var harness = SessionHarness(limits: .with(\.maxBadCommands, 3))
        harness.start()
        #expect(harness.reply(to: "BAD1")?.status == "500 5.5.2")
        #expect(harness.reply(to: "BAD2")?.status == "500 5.5.2")
        #expect(harness.command("BAD3").map(\.status) == ["500 5.5.2", "421 4.7.0"])
        #expect(harness.closed)
        #expect(harness.command("NOOP").isEmpty)
    }

    @Test func everyReplyAfterTheGreetingCarriesAnEnhancedCodeExceptHelloAndIntermediates() {
        var harness = SessionHarness(policy: .mx(authentication: .offered), tls: SMTPTLSInfo(version: "TLSv1.3", cipher: "x"))
        harness.start()
        harness.send("EHLO c.example\r\nHELO c.example\r\nNOOP\r\nXYZ\r\nMAIL FROM:<a@example.net>\r\nRCPT TO:<b@example.org>\r\n"
            + "DATA\r\nhi\r\n.\r\nVRFY x\r\nEXPN y\r\nHELP\r\nAUTH PLAIN\r\n*\r\nQUIT\r\n")
        for reply in harness.replies.dropFirst() where reply.code >= 200 && reply.code < 300 || reply.code >= 400 {
            let isHelloReply = reply.lines.first == "mx.example.org"
            #expect(isHelloReply == (reply.enhancedCode == nil), "\(reply)")
            if let enhanced = reply.enhancedCode { #expect(enhanced.statusClass == reply.code / 100) }
        }
        #expect(harness.replies.contains { $0.code == 354 && $0.enhancedCode == nil })
        #expect(harness.replies.contains { $0.code == 334 && $0.enhancedCode == nil })
    }

    @Test func theGlueCanTimeOutOrShutDownASession() {
        var idle = SessionHarness()
        idle.start()
        idle.perform(idle.session.timedOut())
        #expect(idle.replies.last?.status == "421 4.4.2")
        #expect(idle.closed)

        var stopping = SessionHarness()
        stopping.start()
        stopping.perform(stopping.session.shutDown())
        #expect(stopping.replies.last?.status == "421 4.3.2")
        #expect(stopping.closed)
    }
}
