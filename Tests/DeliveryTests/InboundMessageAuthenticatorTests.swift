import DNSResolver
import Foundation
import MailAuth
import MailCore
import SMTPProtocol
import Testing
@testable import Delivery

/// The verdicts of the inbound checks against a DNS table: which clients are checked, what a
/// DMARC failure does with and without enforcement, and the fields added.
@Suite("Inbound message authenticator")
struct InboundMessageAuthenticatorTests {
    /// example.org: SPF allows 192.0.2.0/24 only; DMARC p=reject (or p=quarantine).
    private static func table(policy: String) -> AnswerTable {
        AnswerTable(answers: [
            "example.org TXT": .records([.text(TextRecord(["v=spf1 ip4:192.0.2.0/24 -all"]))]),
            "_dmarc.example.org TXT": .records([.text(TextRecord(["v=DMARC1; p=\(policy)"]))]),
        ])
    }

    private static func envelope(from client: String) throws -> SMTPEnvelope {
        SMTPEnvelope(
            sender: .mailbox(try EmailAddress(parsing: "news@example.org")), mailParameters: SMTPMailParameters(),
            recipients: [SMTPEnvelopeRecipient(path: .mailbox(try EmailAddress(parsing: "bob@example.test")))],
            authenticatedIdentity: nil, helloName: try #require(SMTPHelloName("mx.example.org")),
            usedExtendedHello: true, tls: nil, remoteAddress: client, listenerKind: .mx,
            receivedAt: MessageDate(secondsSinceEpoch: 1_800_000_000), transferMethod: .data)
    }

    private static let message = Array("""
        Authentication-Results: mx.example.test; dmarc=pass\r
        From: news@example.org\r
        Subject: hello\r
        \r
        body\r

        """.utf8)

    private static func authenticator(policy: String, enforces: Bool = true) -> InboundMessageAuthenticator {
        InboundMessageAuthenticator(resolver: Self.table(policy: policy), publicSuffixList: PublicSuffixList(text: "org\n"),
                                    authservID: "mx.example.test", enforcesDMARC: enforces,
                                    trustedNetworks: [IPNetwork("10.0.0.0/8")!])
    }

    @Test func trustedNetworksAreNotChecked() {
        let authenticator = Self.authenticator(policy: "reject")
        #expect(!authenticator.checks(clientAt: "10.1.2.3"))
        #expect(!authenticator.checks(clientAt: "::ffff:10.1.2.3"))
        #expect(authenticator.checks(clientAt: "192.0.2.7"))
        #expect(authenticator.checks(clientAt: "2001:db8::1"))
    }

    @Test func anAuthorizedClientPassesAndForgedResultsAreReplaced() async throws {
        let verdict = await Self.authenticator(policy: "reject").authenticate(Self.message, envelope: try Self.envelope(from: "192.0.2.7"))
        guard case .deliver(let added, let content, let quarantined) = verdict else {
            Issue.record("expected delivery, got \(verdict)")
            return
        }
        // Unfolded (RFC 5322 §2.2.3), so the checks do not depend on where lines break.
        let fields = String(decoding: added, as: UTF8.self)
            .replacingOccurrences(of: "\r\n\t", with: " ").replacingOccurrences(of: "\r\n ", with: " ")
        #expect(fields.hasPrefix("Authentication-Results: mx.example.test;"))
        #expect(fields.contains("spf=pass smtp.mailfrom=news@example.org"))
        #expect(fields.contains("dmarc=pass"))
        #expect(fields.contains("Received-SPF: pass"))
        #expect(!quarantined)
        #expect(String(decoding: content, as: UTF8.self).hasPrefix("From: news@example.org\r\n"))
    }

    @Test func aDMARCFailureIsRefusedQuarantinedOrOnlyRecorded() async throws {
        let envelope = try Self.envelope(from: "198.51.100.9")
        let refused = await Self.authenticator(policy: "reject").authenticate(Self.message, envelope: envelope)
        guard case .reject(let reply) = refused else {
            Issue.record("expected a refusal, got \(refused)")
            return
        }
        #expect(reply.code == 550)
        #expect(reply.enhancedCode == SMTPEnhancedStatusCode(5, 7, 1))

        let quarantined = await Self.authenticator(policy: "quarantine").authenticate(Self.message, envelope: envelope)
        guard case .deliver(_, _, true) = quarantined else {
            Issue.record("expected quarantine, got \(quarantined)")
            return
        }

        let recorded = await Self.authenticator(policy: "reject", enforces: false).authenticate(Self.message, envelope: envelope)
        guard case .deliver(let added, _, false) = recorded else {
            Issue.record("expected delivery to the inbox, got \(recorded)")
            return
        }
        #expect(String(decoding: added, as: UTF8.self).contains("dmarc=fail"))
    }
}
