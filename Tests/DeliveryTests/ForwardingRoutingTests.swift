import Foundation
import MailCore
import MailStore
import SMTPProtocol
import TestSupport
import Testing
@testable import Delivery

/// RCPT routing and queueing of forwarded mail against a real SQLite store: aliases with
/// remote targets, SRS rewriting of the queued sender, and reversal of SRS bounce addresses.
@Suite("Forwarding and SRS routing")
struct ForwardingRoutingTests {
    private static let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let scheme = SenderRewritingScheme(secret: Array("routing-test-secret".utf8))

    /// A store with the domains `example.test` and `second.test`, the account
    /// `alice@example.test`, and the alias `fwd@example.test` → alice and `carol@remote.example`.
    private struct Fixture {
        let folder: TemporaryDirectory
        let store: SQLiteMailStore
        let alice: Account

        static func make() async throws -> Fixture {
            let folder = try TemporaryDirectory(prefix: "martlet-forwarding")
            let store = try await SQLiteMailStore.open(directory: folder.path)
            try await store.addDomain("example.test")
            try await store.addDomain("second.test")
            let alice = try await store.createAccount(ForwardingRoutingTests.parse("alice@example.test"), credential: "unused")
            try await store.addAlias(.address(ForwardingRoutingTests.parse("fwd@example.test")),
                                     targets: [alice.address, ForwardingRoutingTests.parse("carol@remote.example")])
            return Fixture(folder: folder, store: store, alice: alice)
        }

        func close() async {
            await store.close()
            folder.remove()
        }

        func routing(_ scheme: SenderRewritingScheme?, at now: Date = ForwardingRoutingTests.now) -> RecipientRouting {
            RecipientRouting(directory: store, senderRewriting: scheme, clock: { now })
        }
    }

    private func withFixture(_ body: (Fixture) async throws -> Void) async throws {
        let fixture = try await Fixture.make()
        do {
            try await body(fixture)
        } catch {
            await fixture.close()
            throw error
        }
        await fixture.close()
    }

    private static func parse(_ text: String) -> EmailAddress {
        do {
            return try EmailAddress(parsing: text)
        } catch {
            fatalError("invalid test address \(text): \(error)")
        }
    }

    private func address(_ text: String) -> EmailAddress { Self.parse(text) }

    private func check(_ recipient: String, from sender: SMTPReversePath, authenticated: String? = nil) -> SMTPRecipientCheck {
        SMTPRecipientCheck(recipient: .mailbox(address(recipient)), parameters: SMTPRecipientParameters(), sender: sender,
                           authenticatedIdentity: authenticated, acceptedRecipientCount: 0)
    }

    /// Routes `recipients` as one MX transaction from `sender`, commits it, and returns the
    /// queue entry (nil when nothing was queued).
    private func receive(from sender: SMTPReversePath, to recipients: [String], fixture: Fixture,
                         listener: SMTPListenerKind = .mx) async throws -> QueueEntry? {
        let routing = fixture.routing(scheme)
        var routes: [SMTPForwardPath: RecipientRoute] = [:]
        for recipient in recipients {
            let routed = await routing.route(check(recipient, from: sender))
            #expect(routed.decision == .accepted, "\(recipient)")
            routes[.mailbox(address(recipient))] = routed.route
        }
        let envelope = SMTPEnvelope(
            sender: sender, mailParameters: SMTPMailParameters(),
            recipients: recipients.map { SMTPEnvelopeRecipient(path: .mailbox(address($0))) },
            authenticatedIdentity: nil, helloName: try #require(SMTPHelloName("client.remote.example")),
            usedExtendedHello: true, tls: nil, remoteAddress: "192.0.2.7", listenerKind: listener,
            receivedAt: MessageDate(secondsSinceEpoch: Int64(Self.now.timeIntervalSince1970)), transferMethod: .data)
        var reception = MessageReception(envelope: envelope, routes: routes, id: "Q\(UInt32.random(in: 0 ... .max))",
                                         hostname: "mx.example.test")
        reception.append(Array("Subject: forwarded\r\n\r\nHello\r\n".utf8))
        let delivery = LocalDelivery(store: fixture.store, limits: Limits(), hostname: "mx.example.test",
                                     senderRewriting: scheme)
        let outcome = await delivery.commit(reception)
        #expect(outcome == .accepted(queueID: reception.id))
        return try await fixture.store.queueEntry(reception.id)
    }

    private func inboxCount(_ fixture: Fixture) async throws -> Int {
        let inbox = try await fixture.store.mailbox(named: .inbox, of: fixture.alice.id)
        return try await fixture.store.status(of: inbox.id).messages
    }

    @Test("without a scheme, an alias with a remote target is refused as before (451 4.3.2)")
    func forwardingRefusedWithoutScheme() async throws {
        try await withFixture { fixture in
            let routed = await fixture.routing(nil).route(check("fwd@example.test", from: .mailbox(address("bob@sender.example"))))
            #expect(routed.decision == .rejected(.forwardingUnavailable))
            #expect(routed.route == nil)
            // An SRS-looking local part is then just an unknown user.
            let srs = scheme.forward(sender: address("bob@sender.example"), forwarderDomain: "example.test", now: Self.now)
            let unknown = await fixture.routing(nil).route(check(srs.description, from: .null))
            #expect(unknown.decision == .rejected(.unknownMailbox))
        }
    }

    @Test("an alias with a remote target is accepted; the queued sender is the SRS0 address of the alias domain")
    func aliasForwardedWithSRSSender() async throws {
        try await withFixture { fixture in
            let routed = await fixture.routing(scheme).route(check("fwd@example.test", from: .mailbox(address("bob@sender.example"))))
            #expect(routed.decision == .accepted)
            #expect(routed.route == .forwarded(local: [LocalRecipient(account: fixture.alice.id, address: fixture.alice.address)],
                                               remote: [address("carol@remote.example")], forwarderDomain: "example.test"))

            let entry = try #require(try await receive(from: .mailbox(address("bob@sender.example")),
                                                       to: ["fwd@example.test"], fixture: fixture))
            #expect(entry.recipients.map(\.recipient.address) == ["carol@remote.example"])
            let sender = address(entry.envelope.sender)
            #expect(sender.localPart.hasPrefix("SRS0="))
            #expect(sender.domain == "example.test")
            #expect(try scheme.reverse(sender, now: Self.now) == address("bob@sender.example"))
            #expect(try await inboxCount(fixture) == 1)
        }
    }

    @Test("the null sender and senders of our own domains are queued unchanged")
    func senderNotRewritten() async throws {
        try await withFixture { fixture in
            let bounce = try #require(try await receive(from: .null, to: ["fwd@example.test"], fixture: fixture))
            #expect(bounce.envelope.sender == "")
            let own = try #require(try await receive(from: .mailbox(address("someone@second.test")),
                                                     to: ["fwd@example.test"], fixture: fixture))
            #expect(own.envelope.sender == "someone@second.test")
        }
    }

    @Test("a valid SRS address of ours is accepted and routed to the original sender")
    func validSRSRoutedToOriginal() async throws {
        try await withFixture { fixture in
            let original = address("bob@sender.example")
            let srs = scheme.forward(sender: original, forwarderDomain: "example.test", now: Self.now)
            // Bounces come from other servers, unauthenticated, with the null sender.
            let routed = await fixture.routing(scheme).route(check(srs.description.uppercased(), from: .null))
            #expect(routed.decision == .accepted)
            #expect(routed.route == .forwarded(local: [], remote: [address("BOB@sender.example")], forwarderDomain: "example.test"))

            let entry = try #require(try await receive(from: .null, to: [srs.description], fixture: fixture))
            #expect(entry.recipients.map(\.recipient.address) == ["bob@sender.example"])
            #expect(entry.envelope.sender == "")

            // To a local account: delivered locally, nothing queued.
            let local = scheme.forward(sender: fixture.alice.address, forwarderDomain: "second.test", now: Self.now)
            let routedLocal = await fixture.routing(scheme).route(check(local.description, from: .null))
            #expect(routedLocal.route == .local([LocalRecipient(account: fixture.alice.id, address: fixture.alice.address)]))

            // SRS1 whose first forwarder is also ours is reversed twice, to the original sender.
            let srs1 = scheme.forward(sender: srs, forwarderDomain: "second.test", now: Self.now)
            #expect(srs1.localPart.hasPrefix("SRS1="))
            let routedTwice = await fixture.routing(scheme).route(check(srs1.description, from: .null))
            #expect(routedTwice.route == .forwarded(local: [], remote: [original], forwarderDomain: "second.test"))
        }
    }

    @Test("forged, expired and malformed SRS addresses are refused with 550 5.1.1")
    func invalidSRSRefused() async throws {
        try await withFixture { fixture in
            let original = address("bob@sender.example")
            let forged = SenderRewritingScheme(secret: Array("attacker".utf8))
                .forward(sender: original, forwarderDomain: "example.test", now: Self.now)
            let expired = scheme.forward(sender: original, forwarderDomain: "example.test", now: Self.now.addingTimeInterval(-30 * 86_400))
            let cases: [(String, SRSError)] = [
                (forged.description, .badHash), (expired.description, .expired),
                ("SRS0=xxxx=LB@example.test", .malformed("")),
            ]
            for (recipient, error) in cases {
                let routed = await fixture.routing(scheme).route(check(recipient, from: .null))
                guard case .rejected(let reply) = routed.decision else {
                    Issue.record("\(recipient) was accepted")
                    continue
                }
                #expect(reply.code == 550)
                #expect(reply.enhancedCode == SMTPEnhancedStatusCode(5, 1, 1))
                #expect(reply == .invalidSRSAddress(error), "\(recipient): \(reply)")
                #expect(routed.route == nil)
            }
            // The same SRS address at a domain that is not ours is plain relaying, denied.
            let elsewhere = try EmailAddress(localPart: forged.localPart, domain: "remote.example")
            let relayed = await fixture.routing(scheme).route(check(elsewhere.description, from: .null))
            #expect(relayed.decision == .rejected(.relayingDenied))
        }
    }
}
