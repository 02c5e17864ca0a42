import MailCore
import SASL
import TestSupport
import Testing
@testable import POP3Protocol

@Suite("SASL exchange over lines")
struct SASLLineExchangeTests {
    private func plain() -> SASLLineExchange { SASLLineExchange(mechanism: PlainServerMechanism()) }

    @Test("PLAIN without initial response: empty challenge, base64 line, credential, success")
    func plainExchange() {
        var exchange = plain()
        #expect(exchange.start(initialResponse: nil) == .challenge([]))
        let line = Array(Base64.encodedString(Array("\u{0}alice\u{0}secret".utf8)).utf8)
        #expect(exchange.receive(line: line) == .needsCredential(username: "alice"))
        #expect(exchange.provide(credential: POP3Harness.credential) == .authenticated(identity: "alice"))
    }

    @Test("* cancels, bad base64 ends, lines out of turn are refused")
    func failures() {
        var cancelled = plain()
        _ = cancelled.start(initialResponse: nil)
        #expect(cancelled.receive(line: [UInt8(ascii: "*")]) == .failed(.cancelled))
        var garbled = plain()
        _ = garbled.start(initialResponse: nil)
        #expect(garbled.receive(line: Array("a b".utf8)) == .failed(.invalidBase64))
        var waiting = plain()
        _ = waiting.start(initialResponse: Array("\u{0}alice\u{0}secret".utf8))
        #expect(waiting.receive(line: []) == .failed(.rejected))
        #expect(waiting.provide(credential: POP3Harness.credential) == .failed(.rejected))
    }

    @Test("an authorization identity other than the user is refused")
    func actingAsAnotherUser() {
        var exchange = plain()
        #expect(exchange.start(initialResponse: Array("bob\u{0}alice\u{0}secret".utf8)) == .needsCredential(username: "alice"))
        #expect(exchange.provide(credential: POP3Harness.credential) == .failed(.rejected))
    }

    @Test("SCRAM's server-final data is a last challenge; only an empty line completes")
    func finalAcknowledgement() throws {
        for acknowledgement in [[], Array("eA==".utf8)] as [[UInt8]] {
            var generator = SeededGenerator(seed: 3)
            let context = POP3Harness.configuration().mechanisms.context
            var exchange = SASLLineExchange(mechanism: SASLMechanismRegistry.Entry.scramSHA256.makeMechanism(context))
            var client = try SCRAMSHA256ClientMechanism(
                username: "alice", password: POP3Harness.password, clientNonce: SCRAMNonce.random(using: &generator))
            #expect(exchange.start(initialResponse: try client.start()) == .needsCredential(username: "alice"))
            guard case .challenge(let serverFirst) = exchange.provide(credential: POP3Harness.credential) else {
                Issue.record("no server-first challenge")
                return
            }
            let final = try client.respond(to: serverFirst)
            guard case .challenge(let serverFinal) = exchange.receive(line: Array(Base64.encodedString(final).utf8)) else {
                Issue.record("no server-final challenge")
                return
            }
            try client.finish(additionalData: serverFinal)
            let expected: SASLLineExchange.Event = acknowledgement.isEmpty ? .authenticated(identity: "alice") : .failed(.rejected)
            #expect(exchange.receive(line: acknowledgement) == expected)
        }
    }
}
