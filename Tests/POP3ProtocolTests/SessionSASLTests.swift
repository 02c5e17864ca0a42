import MailCore
import SASL
import TestSupport
import Testing
@testable import POP3Protocol

@Suite("POP3 session: AUTH (RFC 5034)")
struct SessionSASLTests {
    private static func base64(_ bytes: [UInt8]) -> String { Base64.encodedString(bytes) }
    private static let plainMessage = base64(Array("\u{0}alice\u{0}secret".utf8))

    @Test("AUTH PLAIN with an initial response logs in over TLS")
    func plainWithInitialResponse() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.start()
        #expect(harness.reply("AUTH PLAIN \(Self.plainMessage)")?.isPositive == true)
        #expect(harness.session.state == .transaction)
    }

    @Test("AUTH PLAIN without an initial response gets an empty challenge first")
    func plainWithChallenge() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.start()
        #expect(harness.reply("AUTH PLAIN")?.line == "+ ")
        #expect(harness.reply(Self.plainMessage)?.isPositive == true)
    }

    @Test("AUTH PLAIN with a wrong password answers -ERR [AUTH] (AUTH-RESP-CODE)")
    func plainFailure() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.start()
        let wrong = Self.base64(Array("\u{0}alice\u{0}nope".utf8))
        #expect(harness.reply("AUTH PLAIN \(wrong)")?.line == "-ERR [AUTH] Authentication failed")
        #expect(harness.session.failedAuthenticationCount == 1)
    }

    @Test("AUTH PLAIN is refused before TLS; SCRAM is not")
    func plainBeforeTLS() {
        var harness = POP3Harness()
        harness.start()
        #expect(harness.reply("AUTH PLAIN \(Self.plainMessage)")?.code == .authentication)
        #expect(harness.credentialRequests.isEmpty)
        #expect(harness.reply("AUTH LOGIN")?.code == .authentication)
        let clientFirst = Self.base64(Array("n,,n=alice,r=abcdef".utf8))
        #expect(harness.reply("AUTH SCRAM-SHA-256 \(clientFirst)")?.status == .continuation)
    }

    @Test("AUTH SCRAM-SHA-256 completes, with the server-final message as a last challenge")
    func scram() throws {
        var harness = POP3Harness()
        harness.start()
        var generator = SeededGenerator(seed: 9)
        var client = try SCRAMSHA256ClientMechanism(
            username: "alice", password: POP3Harness.password, clientNonce: SCRAMNonce.random(using: &generator))
        let first = try client.start()
        let firstReply = harness.reply("AUTH SCRAM-SHA-256 \(Self.base64(first))")
        let serverFirst = try #require(firstReply)
        #expect(serverFirst.status == .continuation)
        let final = try client.respond(to: try #require(Base64.decodeStrict(Array(serverFirst.text.utf8))))
        let finalReply = harness.reply(Self.base64(final))
        let serverFinal = try #require(finalReply)
        #expect(serverFinal.status == .continuation)
        try client.finish(additionalData: Base64.decodeStrict(Array(serverFinal.text.utf8)))
        #expect(harness.maildropRequests.isEmpty)
        #expect(harness.reply("")?.isPositive == true)
        #expect(harness.maildropRequests == ["alice"])
    }

    @Test("a wrong SCRAM proof fails with [AUTH]")
    func scramFailure() throws {
        var harness = POP3Harness()
        harness.start()
        var generator = SeededGenerator(seed: 10)
        var client = try SCRAMSHA256ClientMechanism(
            username: "alice", password: "wrong", clientNonce: SCRAMNonce.random(using: &generator))
        let firstReply = harness.reply("AUTH SCRAM-SHA-256 \(Self.base64(try client.start()))")
        let serverFirst = try #require(firstReply)
        let final = try client.respond(to: try #require(Base64.decodeStrict(Array(serverFirst.text.utf8))))
        #expect(harness.reply(Self.base64(final))?.line == "-ERR [AUTH] Authentication failed")
        #expect(harness.session.state == .authorization)
    }

    @Test("* cancels the exchange; bad base64 ends it; both count as failures")
    func cancelAndBadBase64() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.start()
        harness.command("AUTH PLAIN")
        #expect(harness.reply("*")?.line == "-ERR Authentication cancelled")
        harness.command("AUTH PLAIN")
        #expect(harness.reply("not base64!")?.line == "-ERR Invalid base64 in authentication response")
        #expect(harness.session.failedAuthenticationCount == 2)
        // Back to commands.
        #expect(harness.reply("CAPA")?.isPositive == true)
    }

    @Test("an unknown mechanism is refused; AUTH alone lists the usable mechanisms")
    func mechanisms() {
        var harness = POP3Harness()
        harness.start()
        #expect(harness.reply("AUTH CRAM-MD5")?.line == "-ERR Unrecognized authentication mechanism")
        #expect(harness.reply("AUTH")?.lines == ["SCRAM-SHA-256"])
        var overTLS = POP3Harness(tls: POP3Harness.implicitTLS)
        overTLS.start()
        #expect(overTLS.reply("AUTH")?.lines == ["SCRAM-SHA-256", "PLAIN", "LOGIN"])
    }

    @Test("acting as another user (an authorization identity) is refused")
    func authorizationIdentity() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.start()
        let message = Self.base64(Array("bob\u{0}alice\u{0}secret".utf8))
        #expect(harness.reply("AUTH PLAIN \(message)")?.code == .authentication)
    }

    @Test("AUTH response lines may exceed the command limit up to the AUTH limit")
    func responseLength() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.start()
        harness.command("AUTH PLAIN")
        let long = Self.base64(Array(repeating: UInt8(ascii: "a"), count: 600))
        // Long but within the AUTH limit: it reaches the mechanism, which refuses it as PLAIN.
        #expect(harness.reply(long)?.line == "-ERR [AUTH] Authentication failed")
        harness.command("AUTH PLAIN")
        let tooLong = String(repeating: "A", count: POP3Limits.defaults.maximumAuthenticationLineLength + 4)
        #expect(harness.reply(tooLong)?.line == "-ERR Authentication response too long")
        #expect(harness.reply("USER " + String(repeating: "a", count: 300))?.line == "-ERR Line too long")
    }

    @Test("AUTH after login is a state error")
    func authAfterLogin() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.logIn()
        for line in ["AUTH PLAIN", "USER alice", "PASS secret", "APOP a c4c9334bac560ecc979e58001b3e22fb", "STLS"] {
            #expect(harness.reply(line)?.line == "-ERR Command not valid after login")
        }
    }
}
