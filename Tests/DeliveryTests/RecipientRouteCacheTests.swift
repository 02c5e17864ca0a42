import Foundation
import MailCore
import MailStore
import SMTPProtocol
import TestSupport
import Testing
@testable import Delivery

/// RCPT answered from the route cache: only while no process has changed the directory, and
/// never for an account with a quota limit or for anything but plain local accounts.
@Suite("Recipient route cache")
struct RecipientRouteCacheTests {
    private static func check(_ address: String) throws -> SMTPRecipientCheck {
        SMTPRecipientCheck(recipient: .mailbox(try EmailAddress(parsing: address)), parameters: SMTPRecipientParameters(),
                           sender: .null, authenticatedIdentity: nil, acceptedRecipientCount: 0)
    }

    private static func address(_ text: String) throws -> EmailAddress { try EmailAddress(parsing: text) }

    @Test func aLocalRouteIsKeptUntilAnotherProcessChangesTheDirectory() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-route-cache")
        defer { folder.remove() }
        let server = try await SQLiteMailStore.open(directory: folder.path)
        try await server.addDomain("example.test")
        let alice = try await server.createAccount(try Self.address("alice@example.test"), credential: "unused")
        let cache = RecipientRouteCache()
        let routing = RecipientRouting(directory: server, cache: cache)

        #expect(routing.routeWithoutLookup(try Self.check("alice@example.test")) == nil)
        let looked = await routing.route(try Self.check("alice@example.test"))
        #expect(looked.decision == .accepted)
        #expect(cache.count == 1)
        let cached = try #require(routing.routeWithoutLookup(try Self.check("ALICE@Example.Test")))
        #expect(cached.decision == .accepted)
        #expect(cached.route == looked.route)
        if case .local(let accounts) = cached.route { #expect(accounts.map(\.account) == [alice.id]) } else {
            Issue.record("not a local route: \(String(describing: cached.route))")
        }
        // Without the cache (greylisting screens every RCPT), the store decides.
        #expect(routing.routeWithoutLookup(try Self.check("alice@example.test"), usingCache: false) == nil)

        // An admin command is another process with its own mapping of the generation file:
        // its change retires the entry at once.
        let admin = try await SQLiteMailStore.open(directory: folder.path, collectingGarbage: false)
        let before = try #require(server.directoryVersion)
        try await admin.setQuota(storage: nil, messages: 0, for: try Self.address("alice@example.test"))
        #expect(server.directoryVersion != before)
        #expect(routing.routeWithoutLookup(try Self.check("alice@example.test")) == nil)
        let full = await routing.route(try Self.check("alice@example.test"))
        #expect(full.decision == .rejected(.mailboxFull))

        // An account with a quota limit is looked up every time: fullness changes with
        // every delivery, not with the directory.
        try await admin.setQuota(storage: nil, messages: 1_000, for: try Self.address("alice@example.test"))
        #expect(await routing.route(try Self.check("alice@example.test")).decision == .accepted)
        #expect(routing.routeWithoutLookup(try Self.check("alice@example.test")) == nil)
        await admin.close()
        await server.close()
    }

    @Test func everyDirectoryChangeAdvancesTheVersion() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-route-cache")
        defer { folder.remove() }
        let store = try await SQLiteMailStore.open(directory: folder.path)
        var seen: Set<UInt64> = [try #require(store.directoryVersion)]
        func changed() throws {
            let version = try #require(store.directoryVersion)
            #expect(seen.insert(version).inserted)
        }
        try await store.addDomain("example.test"); try changed()
        try await store.addDomain("other.test"); try changed()
        let bob = try Self.address("bob@example.test")
        _ = try await store.createAccount(bob, credential: "one"); try changed()
        try await store.setCredential("two", for: bob); try changed()
        try await store.setAPOPSecret("secret", for: bob); try changed()
        try await store.setQuota(storage: 10, messages: nil, for: bob); try changed()
        let list = AliasSource.address(try Self.address("list@example.test"))
        try await store.addAlias(list, targets: [bob]); try changed()
        try await store.removeAlias(list, targets: []); try changed()
        try await store.deleteAccount(bob); try changed()
        try await store.removeDomain("other.test"); try changed()
        // Reading does not.
        _ = try await store.resolveRecipient(try Self.address("nobody@example.test"))
        #expect(seen.contains(try #require(store.directoryVersion)))
        await store.close()
    }

    @Test func aliasesForwardingAndUnknownAddressesAreNotKept() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-route-cache")
        defer { folder.remove() }
        let store = try await SQLiteMailStore.open(directory: folder.path)
        try await store.addDomain("example.test")
        let carol = try Self.address("carol@example.test")
        _ = try await store.createAccount(carol, credential: "unused")
        try await store.addAlias(.address(try Self.address("team@example.test")),
                                 targets: [carol, try Self.address("dave@remote.example")])
        let cache = RecipientRouteCache()
        let routing = RecipientRouting(directory: store, cache: cache)
        // Forwarding without SRS is refused; unknown users are refused: neither is kept.
        #expect(await routing.route(try Self.check("team@example.test")).decision == .rejected(.forwardingUnavailable))
        #expect(await routing.route(try Self.check("nobody@example.test")).decision == .rejected(.unknownMailbox))
        #expect(cache.count == 0)
        await store.close()
    }

    @Test func theCacheIsBounded() throws {
        let cache = RecipientRouteCache(capacity: 2)
        let recipient = LocalRecipient(account: AccountID(rawValue: 1), address: try Self.address("a@example.test"))
        cache.keep([recipient], for: "a@example.test", version: 1)
        cache.keep([recipient], for: "b@example.test", version: 1)
        #expect(cache.count == 2)
        cache.keep([recipient], for: "b@example.test", version: 1)
        #expect(cache.count == 2)
        cache.keep([recipient], for: "c@example.test", version: 1)
        #expect(cache.count == 1)
        #expect(cache.accounts(for: "c@example.test", version: 1) == [recipient])
        #expect(cache.accounts(for: "c@example.test", version: 2) == nil)
    }

    @Test func senderChecksThatNeedNoLookup() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-route-cache")
        defer { folder.remove() }
        let store = try await SQLiteMailStore.open(directory: folder.path)
        func sender(_ path: SMTPReversePath, user: String?) -> SMTPSenderCheck {
            SMTPSenderCheck(sender: path, parameters: SMTPMailParameters(), authenticatedIdentity: user,
                            helloName: SMTPHelloName("client.example")!)
        }
        let ownership = SenderOwnership(directory: store)
        let own = SMTPReversePath.mailbox(try Self.address("Erin@Example.Test"))
        #expect(ownership.decisionWithoutLookup(sender(own, user: nil), on: .mx) == .accepted)
        #expect(ownership.decisionWithoutLookup(sender(own, user: nil), on: .submission) == .rejected(.submissionNeedsAuthentication))
        #expect(ownership.decisionWithoutLookup(sender(.null, user: "erin@example.test"), on: .submission) == .rejected(.senderNotOwned))
        #expect(ownership.decisionWithoutLookup(sender(own, user: "erin@example.test"), on: .submission) == .accepted)
        let other = SMTPReversePath.mailbox(try Self.address("alias@example.test"))
        #expect(ownership.decisionWithoutLookup(sender(other, user: "erin@example.test"), on: .submission) == nil)
        // The full check agrees, and asks the store for the rest (no such alias here).
        #expect(await ownership.check(sender(other, user: "erin@example.test"), on: .submission) == .rejected(.senderNotOwned))
        await store.close()
    }

    @Test func messageIdentifiersAreSixteenCharactersOfTheAlphabet() {
        let alphabet = Set("0123456789BCDFGHJKLMNPQRSTVWXZ")
        var seen = Set<String>()
        for _ in 0 ..< 1_000 {
            let identifier = MessageIdentifier.make()
            #expect(identifier.count == 16)
            #expect(identifier.allSatisfy(alphabet.contains))
            seen.insert(identifier)
        }
        #expect(seen.count == 1_000)
    }
}
