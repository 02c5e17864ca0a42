import SASL
import Testing
@testable import POP3Protocol

@Suite("POP3 session: AUTHORIZATION, USER/PASS and APOP")
struct SessionAuthorizationTests {
    @Test("the greeting carries the APOP timestamp only when APOP is offered")
    func greeting() {
        var plain = POP3Harness()
        #expect(plain.start().map(\.line) == ["+OK pop.example.org POP3 server ready"])
        var apop = POP3Harness { $0.offersAPOP = true }
        #expect(apop.start().map(\.line) == ["+OK pop.example.org POP3 server ready \(POP3Harness.timestamp)"])
        var badTimestamp = POP3Harness(timestamp: "no brackets\r\n") { $0.offersAPOP = true }
        #expect(badTimestamp.start().map(\.line) == ["+OK pop.example.org POP3 server ready"])
        #expect(badTimestamp.session.greetingTimestamp == nil)
    }

    @Test("USER/PASS over TLS logs in and opens the maildrop")
    func userPass() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.start()
        #expect(harness.reply("USER alice")?.line == "+OK Send PASS")
        let octets = POP3Harness.sampleContents.values.map(\.count).reduce(0, +)
        #expect(harness.reply("PASS secret")?.line == "+OK Logged in, maildrop has 3 messages (\(octets) octets)")
        #expect(harness.credentialRequests == ["alice"])
        #expect(harness.maildropRequests == ["alice"])
        #expect(harness.session.state == .transaction)
        #expect(harness.session.authenticatedUser == "alice")
    }

    @Test("a wrong password and an unknown user fail alike with [AUTH], and the session stays in AUTHORIZATION")
    func wrongPassword() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.start()
        harness.command("USER alice")
        #expect(harness.reply("PASS wrong")?.line == "-ERR [AUTH] Authentication failed")
        harness.command("USER nobody")
        #expect(harness.reply("PASS secret")?.line == "-ERR [AUTH] Authentication failed")
        #expect(harness.session.state == .authorization)
        #expect(harness.session.failedAuthenticationCount == 2)
        #expect(harness.maildropRequests.isEmpty)
    }

    @Test("PASS keeps spaces in the password; PASS without USER, and a second PASS, are refused")
    func passRules() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.credentials["bob"] = try? SCRAMCredential(
            password: "two words", salt: Array(repeating: 1, count: 16), iterations: 64)
        harness.start()
        #expect(harness.reply("PASS secret")?.line == "-ERR Send USER first")
        harness.command("USER bob")
        #expect(harness.reply("PASS two words")?.isPositive == true)

        var again = POP3Harness(tls: POP3Harness.implicitTLS)
        again.start()
        again.command("USER alice")
        again.command("PASS wrong")
        #expect(again.reply("PASS secret")?.line == "-ERR Send USER first")
    }

    @Test("USER and PASS are refused before TLS when STLS is offered, with a clear reason")
    func plaintextRefused() {
        var harness = POP3Harness()
        harness.start()
        #expect(harness.reply("USER alice")?.line == "-ERR [AUTH] Plaintext authentication requires TLS: use STLS first")
        #expect(harness.reply("PASS secret")?.line == "-ERR Send USER first")
        #expect(harness.session.badCommandCount == 2)
        #expect(harness.credentialRequests.isEmpty)

        var noSTLS = POP3Harness { $0.offersSTLS = false }
        noSTLS.start()
        #expect(noSTLS.reply("USER alice")?.line == "-ERR [AUTH] Plaintext authentication is not available on this connection")
    }

    @Test("the explicit plaintext option allows USER/PASS without TLS")
    func plaintextAllowed() {
        var harness = POP3Harness(plaintext: true)
        #expect(harness.logIn().map(\.isPositive) == [true])
    }

    @Test("USER can be turned off")
    func userOff() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS) { $0.offersUserCommand = false }
        harness.start()
        #expect(harness.reply("USER alice")?.line == "-ERR Unknown command")
        #expect(harness.reply("PASS secret")?.line == "-ERR Unknown command")
    }

    @Test("transaction commands before login are state errors", arguments: [
        "STAT", "LIST", "LIST 1", "RETR 1", "DELE 1", "NOOP", "RSET", "TOP 1 1", "UIDL", "UIDL 1",
    ])
    func transactionCommandsBeforeLogin(line: String) {
        var harness = POP3Harness()
        harness.start()
        #expect(harness.reply(line)?.line == "-ERR Command not valid before login")
        #expect(harness.session.badCommandCount == 1)
    }

    @Test("QUIT in AUTHORIZATION says goodbye and closes without touching a maildrop")
    func quitBeforeLogin() {
        var harness = POP3Harness()
        harness.start()
        #expect(harness.reply("QUIT")?.line == "+OK Goodbye")
        #expect(harness.closed)
        #expect(harness.session.isClosed)
        #expect(harness.commits.isEmpty && harness.releaseCount == 0)
        #expect(harness.command("NOOP").isEmpty)
    }

    // MARK: APOP

    private func apopHarness(plaintext: Bool = true) -> POP3Harness {
        var harness = POP3Harness(plaintext: plaintext) { $0.offersAPOP = true }
        harness.start()
        return harness
    }

    @Test("APOP with the right digest logs in (the RFC 1939 §7 example)")
    func apopSuccess() {
        var harness = apopHarness()
        // RFC 1939 §7: MD5("<1896.697170952@dbc.mtview.ca.us>tanstaaf") is this digest.
        #expect(APOPDigest.digest(timestamp: "<1896.697170952@dbc.mtview.ca.us>", secret: "tanstaaf")
            == "c4c9334bac560ecc979e58001b3e22fb")
        let digest = APOPDigest.digest(timestamp: POP3Harness.timestamp, secret: "tanstaaf")
        #expect(harness.reply("APOP alice \(digest.uppercased())")?.isPositive == true)
        #expect(harness.session.authenticatedUser == "alice")
        #expect(harness.actionLog.contains(.lookupAPOPSecret(username: "alice")))
    }

    @Test("APOP with a wrong digest, or for a user without a secret, fails with [AUTH]")
    func apopFailure() {
        var harness = apopHarness()
        #expect(harness.reply("APOP alice c4c9334bac560ecc979e58001b3e22fb")?.line == "-ERR [AUTH] Authentication failed")
        let digest = APOPDigest.digest(timestamp: POP3Harness.timestamp, secret: "tanstaaf")
        #expect(harness.reply("APOP nobody \(digest)")?.line == "-ERR [AUTH] Authentication failed")
        #expect(harness.session.failedAuthenticationCount == 2)
    }

    @Test("APOP is an unknown command unless enabled, and follows the TLS rule")
    func apopAvailability() {
        var off = POP3Harness(plaintext: true)
        off.start()
        #expect(off.reply("APOP alice c4c9334bac560ecc979e58001b3e22fb")?.line == "-ERR Unknown command")
        var beforeTLS = apopHarness(plaintext: false)
        #expect(beforeTLS.reply("APOP alice c4c9334bac560ecc979e58001b3e22fb")?.code == .authentication)
        #expect(beforeTLS.actionLog.allSatisfy { $0 != .lookupAPOPSecret(username: "alice") })
    }
}
