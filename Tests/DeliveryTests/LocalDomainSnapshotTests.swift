import Foundation
import Locking
import MailCore
import MailStore
import SMTPProtocol
import TestSupport
import Testing
@testable import Delivery

/// Routing without a store lookup: only an authenticated client's recipient at a domain a
/// fresh snapshot says is not ours.
@Suite("Local domain snapshot")
struct LocalDomainSnapshotTests {
    private static func check(_ address: String, authenticated: Bool = true) throws -> SMTPRecipientCheck {
        SMTPRecipientCheck(recipient: .mailbox(try EmailAddress(parsing: address)), parameters: SMTPRecipientParameters(),
                           sender: .null, authenticatedIdentity: authenticated ? "alice@example.test" : nil,
                           acceptedRecipientCount: 0)
    }

    @Test func remoteRecipientsOfAuthenticatedClientsAreRoutedWithoutALookupOnceFresh() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-domain-snapshot")
        defer { folder.remove() }
        let store = try await SQLiteMailStore.open(directory: folder.path)
        try await store.addDomain("example.test")
        _ = try await store.createAccount(try EmailAddress(parsing: "alice@example.test"), credential: "unused")
        let snapshot = LocalDomainSnapshot(lifetime: .seconds(60))
        let routing = RecipientRouting(directory: store, localDomains: snapshot)

        // No reading yet: everything goes to the store.
        #expect(routing.routeWithoutLookup(try Self.check("bob@remote.example")) == nil)
        let first = await routing.route(try Self.check("bob@remote.example"))
        #expect(first.decision == .accepted)

        let remote = try #require(routing.routeWithoutLookup(try Self.check("carol@Remote.Example")))
        #expect(remote.decision == .accepted)
        #expect(remote.route == .remote(try EmailAddress(parsing: "carol@Remote.Example")))
        // Ours (in any case), unauthenticated, or source-routed: the store decides.
        #expect(routing.routeWithoutLookup(try Self.check("alice@EXAMPLE.test")) == nil)
        #expect(routing.routeWithoutLookup(try Self.check("nobody@example.test")) == nil)
        #expect(routing.routeWithoutLookup(try Self.check("bob@remote.example", authenticated: false)) == nil)
        #expect(routing.routeWithoutLookup(try Self.check("\"a%b\"@remote.example")) == nil)

        // A domain added meanwhile is ours again once the reading is dropped.
        try await store.addDomain("remote.example")
        snapshot.invalidate()
        #expect(routing.routeWithoutLookup(try Self.check("bob@remote.example")) == nil)
        await store.close()
    }

    @Test func aReadingExpires() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-domain-snapshot")
        defer { folder.remove() }
        let store = try await SQLiteMailStore.open(directory: folder.path)
        try await store.addDomain("example.test")
        let start = ContinuousClock.now
        let elapsed = Locked(Duration.zero)
        let snapshot = LocalDomainSnapshot(lifetime: .seconds(1), now: { start + elapsed.withLock { $0 } })
        await snapshot.refresh(from: store)
        #expect(snapshot.isRemote("other.example") == true)
        #expect(snapshot.isRemote("example.test") == false)
        elapsed.withLock { $0 = .milliseconds(999) }
        #expect(snapshot.isRemote("other.example") == true)
        elapsed.withLock { $0 = .seconds(1) }
        #expect(snapshot.isRemote("other.example") == nil)
        await store.close()
    }
}
