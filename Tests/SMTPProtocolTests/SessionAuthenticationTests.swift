import TestSupport
import MailCore
import SASL
import Testing
@testable import SMTPProtocol

@Suite("SMTP session: AUTH (RFC 4954)")
struct SessionAuthenticationTests {
    private static let tlsInfo = SMTPTLSInfo(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256")

    private static func credential(_ password: String) throws -> SCRAMCredential {
        try SCRAMCredential(password: password, salt: Array(repeating: 3, count: 16), iterations: 4096)
    }

    /// A submissions session (implicit TLS) after EHLO, knowing alice's password.
    private func submission(limits: Limits = .defaults) throws -> SessionHarness {
        var harness = SessionHarness(policy: .submissions(), limits: limits, tls: Self.tlsInfo)
        harness.credentials["alice"] = try Self.credential("correct horse")
        harness.start()
        harness.command("EHLO client.example")
        return harness
    }

    private func base64(_ text: String) -> String { Base64.encodedString(Array(text.utf8)) }

    private func decodedChallenge(_ reply: SMTPReply?) -> [UInt8]? {
        guard let reply, reply.code == 334, let text = reply.lines.first else { return nil }
        return Base64.decode(Array(text.utf8)).bytes
    }

    @Test func plainWithAnInitialResponse() throws {
        var harness = try submission()
        #expect(harness.reply(to: "MAIL FROM:<alice@example.org>")?.status == "530 5.7.0")
        #expect(harness.reply(to: "AUTH PLAIN \(base64("\0alice\0correct horse"))")?.status == "235 2.7.0")
        #expect(harness.credentialRequests == ["alice"])
        #expect(harness.session.authenticatedIdentity == "alice")
        harness.openTransaction(from: "<alice@example.org>")
        harness.command("DATA")
        let envelope = try #require(harness.envelopes.last)
        #expect(envelope.authenticatedIdentity == "alice")
        #expect(envelope.receivedProtocol == "ESMTPSA")
        #expect(envelope.listenerKind == .submissions)
    }

    @Test func plainWithoutAnInitialResponseGetsAnEmptyChallenge() throws {
        var harness = try submission()
        let challenge = harness.reply(to: "AUTH PLAIN")
        #expect(challenge?.description == "334 \r\n")
        #expect(harness.reply(to: base64("\0alice\0correct horse"))?.status == "235 2.7.0")
    }

    @Test func login() throws {
        var harness = try submission()
        #expect(decodedChallenge(harness.reply(to: "AUTH LOGIN")) == Array("Username:".utf8))
        #expect(decodedChallenge(harness.reply(to: base64("alice"))) == Array("Password:".utf8))
        #expect(harness.reply(to: base64("correct horse"))?.status == "235 2.7.0")
        #expect(harness.session.authenticatedIdentity == "alice")
    }

    /// Runs AUTH SCRAM-SHA-256 as `password` up to the client-final message; returns the client
    /// and the server's reply to that message.
    private func scramExchange(
        _ harness: inout SessionHarness, password: String
    ) throws -> (client: SCRAMSHA256ClientMechanism, reply: SMTPReply?) {
        var generator = SeededGenerator(seed: 9)
        var client = try SCRAMSHA256ClientMechanism(
            username: "alice", password: password, clientNonce: SCRAMNonce.random(using: &generator))
        let firstReply = harness.reply(to: "AUTH SCRAM-SHA-256 \(Base64.encodedString(try client.start()))")
        let serverFirst = try #require(decodedChallenge(firstReply))
        let clientFinal = try client.respond(to: serverFirst)
        return (client, harness.reply(to: Base64.encodedString(clientFinal)))
    }

    @Test func scramSHA256WithTheFinalMessageAsAChallenge() throws {
        var harness = try submission()
        var (client, finalReply) = try scramExchange(&harness, password: "correct horse")
        // SMTP has no success-with-data: the server signature comes as a 334 (RFC 4954 §4).
        let serverFinal = try #require(decodedChallenge(finalReply))
        #expect(try client.respond(to: serverFinal) == [])
        #expect(harness.reply(to: "")?.status == "235 2.7.0")
        try client.finish(additionalData: nil)
        #expect(harness.session.authenticatedIdentity == "alice")
    }

    @Test func scramWithAWrongPasswordFails() throws {
        var harness = try submission()
        let (_, finalReply) = try scramExchange(&harness, password: "wrong")
        #expect(finalReply?.status == "535 5.7.8")
        #expect(harness.session.authenticatedIdentity == nil)
    }

    @Test func scramFinalAcknowledgementMustBeEmpty() throws {
        var harness = try submission()
        let (_, finalReply) = try scramExchange(&harness, password: "correct horse")
        #expect(finalReply?.code == 334)
        #expect(harness.reply(to: "dGVzdA==")?.status == "535 5.7.8")
        #expect(harness.session.authenticatedIdentity == nil)
    }

    @Test func wrongPasswordsAndUnknownUsersFailAlike() throws {
        var harness = try submission()
        let wrong = harness.reply(to: "AUTH PLAIN \(base64("\0alice\0nope"))")
        let unknown = harness.reply(to: "AUTH PLAIN \(base64("\0mallory\0nope"))")
        #expect(wrong == .authenticationFailed)
        #expect(unknown == .authenticationFailed)
        #expect(harness.credentialRequests == ["alice", "mallory"])
    }

    @Test func cancellingAndMalformedResponses() throws {
        var harness = try submission()
        harness.command("AUTH LOGIN")
        #expect(harness.reply(to: "*")?.status == "501 5.7.0")
        harness.command("AUTH LOGIN")
        #expect(harness.reply(to: "not base64!")?.status == "501 5.5.2")
        #expect(harness.reply(to: "AUTH PLAIN not=base64")?.status == "501 5.5.2")
        #expect(harness.reply(to: "NOOP") == .ok)
    }

    @Test func anOverlongAuthenticationLineFailsWith556() throws {
        var harness = try submission()
        harness.command("AUTH PLAIN")
        #expect(harness.reply(to: String(repeating: "QUFB", count: 4000))?.status == "500 5.5.6")
        #expect(harness.reply(to: "NOOP") == .ok)
    }

    @Test func tooManyFailuresCloseTheConnection() throws {
        var harness = try submission(limits: .with(\.maxAuthenticationAttempts, 3))
        for attempt in 1...3 {
            let replies = harness.command("AUTH PLAIN \(base64("\0alice\0guess\(attempt)"))")
            #expect(replies.first == .authenticationFailed)
            #expect(harness.closed == (attempt == 3))
        }
        #expect(harness.replies.last?.status == "421 4.7.0")
    }

    @Test func authRefusals() throws {
        var harness = try submission()
        #expect(harness.reply(to: "AUTH CRAM-MD5")?.status == "504 5.5.4")
        #expect(harness.reply(to: "AUTH PLAIN \(base64("\0alice\0correct horse"))")?.status == "235 2.7.0")
        #expect(harness.reply(to: "AUTH PLAIN \(base64("\0alice\0correct horse"))")?.status == "503 5.5.1")

        var midTransaction = SessionHarness(policy: .mx(authentication: .offered), tls: Self.tlsInfo)
        midTransaction.start()
        midTransaction.openTransaction()
        #expect(midTransaction.reply(to: "AUTH PLAIN")?.status == "503 5.5.1")

        var beforeHello = SessionHarness(policy: .submissions(), tls: Self.tlsInfo)
        beforeHello.start()
        #expect(beforeHello.reply(to: "AUTH PLAIN")?.status == "503 5.5.1")

        var mx = SessionHarness(policy: .mx(), tls: Self.tlsInfo)
        mx.start()
        mx.command("EHLO c.example")
        #expect(mx.reply(to: "AUTH PLAIN")?.status == "502 5.5.1")
    }

    @Test func actingAsAnotherUserIsRefused() throws {
        var harness = try submission()
        #expect(harness.reply(to: "AUTH PLAIN \(base64("bob\0alice\0correct horse"))")?.status == "535 5.7.8")
        #expect(harness.reply(to: "AUTH PLAIN \(base64("alice\0alice\0correct horse"))")?.status == "235 2.7.0")
    }

    @Test func plaintextAuthenticationIsAllowedOnlyWhereThePolicySaysSo() throws {
        var development = SessionHarness(policy: .submission(allowsAuthenticationWithoutTLS: true))
        development.credentials["alice"] = try Self.credential("pw")
        development.start()
        development.command("EHLO c.example")
        #expect(development.reply(to: "AUTH PLAIN \(base64("\0alice\0pw"))")?.status == "235 2.7.0")
        #expect(development.reply(to: "MAIL FROM:<alice@example.org>")?.status == "250 2.1.0")
    }

    @Test func commandsBeforeLoginAreLimited() throws {
        var harness = SessionHarness(policy: .submissions(), limits: .with(\.maxCommandsBeforeLogin, 4), tls: Self.tlsInfo)
        harness.start()
        harness.command("EHLO c.example")
        harness.command("NOOP")
        harness.command("NOOP")
        #expect(harness.reply(to: "NOOP") == .ok)
        #expect(harness.command("NOOP").map(\.status) == ["421 4.7.0"])
        #expect(harness.closed)
    }

    @Test func theCredentialLookupPausesInput() throws {
        var harness = try submission()
        harness.answersCredentialLookups = false
        let replies = harness.send("AUTH PLAIN \(base64("\0alice\0correct horse"))\r\nMAIL FROM:<alice@example.org>\r\n")
        #expect(replies.isEmpty)
        #expect(harness.session.awaiting == .credential)
        harness.perform(harness.session.credentialLookedUp(harness.credentials["alice"]))
        #expect(harness.takeReplies().map(\.status) == ["235 2.7.0", "250 2.1.0"])
    }
}
