import MailCore
import Testing
@testable import SMTPProtocol

@Suite("SMTP client: greeting, hello, STARTTLS, AUTH")
struct ClientOpeningTests {
    @Test func greetingThenEHLOThenIdle() {
        var harness = ClientHarness()
        harness.quitsWhenIdle = false
        #expect(harness.session.phase == .greeting)
        #expect(harness.session.timeoutSeconds == 300)
        #expect(harness.server("220-mx.receiver.example ESMTP\r\n220 second line\r\n") == "EHLO mail.sender.example\r\n")
        #expect(harness.session.phase == .hello)
        #expect(harness.server(Fixtures.ehlo(["PIPELINING", "SIZE 1000"])) == "")
        #expect(harness.readyCount == 1)
        #expect(harness.session.phase == .idle)
        #expect(harness.session.timeoutSeconds == nil)
        #expect(harness.session.capabilities.pipelining)
        #expect(harness.session.capabilities.maximumMessageSize == 1000)
    }

    @Test(arguments: ["554 5.7.1 no mail service here\r\n", "554 go away\r\n"])
    func refusedGreetingFailsTheConnectionAndSaysQuit(greeting: String) throws {
        var harness = ClientHarness()
        harness.enqueue(Fixtures.message("M1"), Fixtures.message("M2"))
        #expect(harness.server(greeting) == "QUIT\r\n")
        let failure = try #require(harness.failures.first)
        guard case .greetingRefused(let reply) = failure else {
            Issue.record("unexpected failure \(failure)")
            return
        }
        #expect(reply.code == 554)
        #expect(failure.description.contains("go away") || failure.description.contains("no mail service here"))
        #expect(harness.unsentMessages.map(\.identifier) == ["M1", "M2"])
        #expect(harness.results.isEmpty)
        #expect(harness.closeCount == 1)
        #expect(harness.actions.last == .close)
        #expect(harness.session.phase == .closed)
    }

    @Test func greeting421ClosesWithoutQuit() {
        var harness = ClientHarness()
        #expect(harness.server("421 4.3.2 too busy\r\n") == "")
        #expect(harness.failures == [.greetingRefused(SMTPReply(421, nil, "4.3.2 too busy"))])
        #expect(harness.closeCount == 1)
    }

    @Test(arguments: [500, 502, 504])
    func ehloRefusedFallsBackToHELO(code: Int) {
        var harness = ClientHarness()
        harness.enqueue(Fixtures.message(size: 10))
        harness.server(Fixtures.greeting)
        #expect(harness.server("\(code) what is EHLO\r\n") == "HELO mail.sender.example\r\n")
        // After HELO: no extensions, so no parameters and no pipelining.
        #expect(harness.server("250 mx.receiver.example\r\n") == "MAIL FROM:<alice@sender.example>\r\n")
        #expect(harness.session.capabilities == SMTPServerCapabilities())
        #expect(harness.server("250 ok\r\n") == "RCPT TO:<bob@receiver.example>\r\n")
    }

    @Test func ehloAndHeloRefusedFailTheConnection() {
        var harness = ClientHarness()
        harness.server(Fixtures.greeting)
        harness.server("502 no\r\n")
        #expect(harness.server("550 not you\r\n") == "QUIT\r\n")
        #expect(harness.failures == [.helloRefused(SMTPReply(550, nil, "not you"))])
    }

    @Test func ehloRefusedForPolicyDoesNotFallBack() {
        var harness = ClientHarness()
        harness.server(Fixtures.greeting)
        #expect(harness.server("554 5.7.1 blocked\r\n") == "QUIT\r\n")
        #expect(harness.failures.count == 1)
    }

    // MARK: STARTTLS

    @Test func opportunisticTLSUsedWhenOfferedThenEHLOAgain() {
        var harness = ClientHarness(tlsPolicy: .opportunistic)
        harness.tlsHandshake = nil
        harness.quitsWhenIdle = false
        harness.server(Fixtures.greeting)
        #expect(harness.server(Fixtures.ehlo(["STARTTLS", "SIZE 5", "ENHANCEDSTATUSCODES"])) == "STARTTLS\r\n")
        #expect(harness.session.phase == .startTLS)
        #expect(harness.server("220 2.0.0 go ahead\r\n") == "")
        #expect(harness.startTLSCount == 1)
        #expect(harness.session.phase == .tlsHandshake)
        #expect(harness.session.timeoutSeconds == 30)
        harness.perform(harness.session.tlsEstablished())
        // RFC 3207 §4.2: everything learnt before is forgotten and EHLO is sent again.
        #expect(harness.takeSent() == "EHLO mail.sender.example\r\n")
        #expect(harness.session.capabilities == SMTPServerCapabilities())
        #expect(harness.session.isTLSActive)
        // Offered again after TLS (a broken server): never a second STARTTLS.
        #expect(harness.server(Fixtures.ehlo(["STARTTLS", "PIPELINING"])) == "")
        #expect(harness.readyCount == 1)
        #expect(harness.session.capabilities.pipelining)
    }

    @Test func opportunisticTLSNotOfferedGoesOnInTheClear() {
        var harness = ClientHarness(tlsPolicy: .opportunistic)
        harness.enqueue(Fixtures.message())
        harness.server(Fixtures.greeting)
        #expect(harness.server(Fixtures.ehlo(["8BITMIME"])).hasPrefix("MAIL FROM:"))
        #expect(harness.startTLSCount == 0)
        #expect(!harness.session.isTLSActive)
    }

    @Test func opportunisticTLSRefusedGoesOnInTheClear() {
        var harness = ClientHarness(tlsPolicy: .opportunistic)
        harness.enqueue(Fixtures.message())
        harness.server(Fixtures.greeting)
        harness.server(Fixtures.ehlo(["STARTTLS"]))
        #expect(harness.server("454 TLS not available\r\n").hasPrefix("MAIL FROM:"))
        #expect(harness.failures.isEmpty)
    }

    @Test func requiredTLSNotOfferedIsATemporaryFailure() throws {
        var harness = ClientHarness(tlsPolicy: .required)
        harness.enqueue(Fixtures.message())
        harness.server(Fixtures.greeting)
        #expect(harness.server(Fixtures.ehlo(["PIPELINING"])) == "QUIT\r\n")
        #expect(harness.failures == [.tlsNotOffered])
        #expect(harness.failures.first?.status == SMTPEnhancedStatusCode(4, 7, 10))
        #expect(harness.unsentMessages.map(\.identifier) == ["M1"])
        #expect(harness.closeCount == 1)
    }

    @Test func requiredTLSRefusedIsATemporaryFailure() {
        var harness = ClientHarness(tlsPolicy: .required)
        harness.server(Fixtures.greeting)
        harness.server(Fixtures.ehlo(["STARTTLS"]))
        #expect(harness.server("454 4.7.0 TLS not available\r\n") == "QUIT\r\n")
        #expect(harness.failures == [.tlsRefused(SMTPReply(454, nil, "4.7.0 TLS not available"))])
    }

    @Test(arguments: [SMTPClientTLSPolicy.opportunistic, .required])
    func handshakeFailureSaysWhetherARetryWithoutTLSIsAllowed(policy: SMTPClientTLSPolicy) throws {
        var harness = ClientHarness(tlsPolicy: policy)
        harness.tlsHandshake = .fails("certificate verify failed")
        harness.enqueue(Fixtures.message())
        harness.server(Fixtures.greeting)
        harness.server(Fixtures.ehlo(["STARTTLS"]))
        #expect(harness.server("220 ready\r\n") == "")
        let failure = try #require(harness.failures.first)
        #expect(failure == .tlsHandshakeFailed(reason: "certificate verify failed", mayRetryWithoutTLS: policy == .opportunistic))
        #expect(failure.allowsRetryWithoutTLS == (policy == .opportunistic))
        #expect(harness.unsentMessages.count == 1)
        #expect(harness.closeCount == 1)
    }

    @Test func disabledPolicyNeverSendsSTARTTLS() {
        var harness = ClientHarness(tlsPolicy: .disabled)
        harness.enqueue(Fixtures.message())
        harness.server(Fixtures.greeting)
        #expect(harness.server(Fixtures.ehlo(["STARTTLS"])).hasPrefix("MAIL FROM:"))
    }

    @Test func repliesInjectedAfterThe220ToSTARTTLSAreDiscarded() {
        var harness = ClientHarness()
        harness.tlsHandshake = nil
        harness.quitsWhenIdle = false
        harness.server(Fixtures.greeting)
        harness.server(Fixtures.ehlo(["STARTTLS"]))
        // A man in the middle appends a fake EHLO reply to the plaintext 220.
        let injected = Fixtures.ehlo(["AUTH PLAIN"])
        #expect(harness.server("220 go ahead\r\n" + injected) == "")
        #expect(harness.server("250 more plaintext\r\n") == "")
        #expect(harness.session.plaintextBytesDiscardedAtSTARTTLS == injected.utf8.count + 20)
        harness.perform(harness.session.tlsEstablished())
        #expect(harness.takeSent() == "EHLO mail.sender.example\r\n")
        harness.server(Fixtures.ehlo(["SIZE 10"]))
        #expect(harness.session.capabilities.authenticationMechanisms.isEmpty)
        #expect(harness.readyCount == 1)
    }

    // MARK: AUTH

    @Test func authPlainOverTLS() throws {
        var harness = ClientHarness(credentials: SMTPClientCredentials(username: "relay", password: "s3cret"))
        harness.enqueue(Fixtures.message())
        harness.server(Fixtures.greeting)
        harness.server(Fixtures.ehlo(["STARTTLS", "AUTH LOGIN"]))
        #expect(harness.server("220 go\r\n") == "EHLO mail.sender.example\r\n")
        let authentication = harness.server(Fixtures.ehlo(["AUTH LOGIN PLAIN", "ENHANCEDSTATUSCODES"]))
        let expected = Base64.encodedString([0] + Array("relay".utf8) + [0] + Array("s3cret".utf8))
        #expect(authentication == "AUTH PLAIN \(expected)\r\n")
        #expect(harness.session.phase == .authentication)
        #expect(harness.server("235 2.7.0 ok\r\n").hasPrefix("MAIL FROM:"))
        #expect(harness.session.isAuthenticated)
    }

    @Test func credentialsAreNeverSentInTheClear() {
        var harness = ClientHarness(tlsPolicy: .opportunistic, credentials: SMTPClientCredentials(username: "u", password: "p"))
        harness.server(Fixtures.greeting)
        #expect(harness.server(Fixtures.ehlo(["AUTH PLAIN"])) == "QUIT\r\n")
        guard case .authenticationUnavailable = harness.failures.first else {
            Issue.record("expected authenticationUnavailable, got \(harness.failures)")
            return
        }
        #expect(!String(decoding: harness.sent, as: UTF8.self).contains("AUTH"))
        #expect(!SMTPClientCredentials(username: "u", password: "zebra").description.contains("zebra"))
    }

    @Test func authWithoutPlainOrRefusedFails() {
        var implicit = ClientHarness(credentials: SMTPClientCredentials(username: "u", password: "p"), implicitTLS: true)
        implicit.server(Fixtures.greeting)
        #expect(implicit.server(Fixtures.ehlo(["AUTH CRAM-MD5"])) == "QUIT\r\n")
        #expect(implicit.failures == [.authenticationUnavailable(reason: "the server does not offer AUTH PLAIN")])

        var refused = ClientHarness(credentials: SMTPClientCredentials(username: "u", password: "p"), implicitTLS: true)
        refused.server(Fixtures.greeting)
        #expect(refused.server(Fixtures.ehlo(["AUTH PLAIN", "ENHANCEDSTATUSCODES"])).hasPrefix("AUTH PLAIN "))
        #expect(refused.server("535 5.7.8 bad credentials\r\n") == "QUIT\r\n")
        #expect(refused.failures == [.authenticationFailed(SMTPReply(535, SMTPEnhancedStatusCode(5, 7, 8), "bad credentials"))])
    }
}
