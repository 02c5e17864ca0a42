import Foundation
import MailCore
import Testing
@testable import MailStore

@Suite("Directory: domains, accounts, aliases, resolution")
struct DirectoryTests {
    @Test func domainsAreCanonicalAndUnique() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let added = try await store.addDomain("Mail.Example.ORG.")
            #expect(added.name == "mail.example.org")
            await #expect(throws: MailStoreError.domainExists("mail.example.org")) { try await store.addDomain("mail.example.org") }
            #expect(try await store.isLocalDomain("MAIL.example.org"))
            #expect(try await !store.isLocalDomain("other.example"))
            #expect(try await store.domains().map(\.name) == ["example.test", "mail.example.org"])
            await #expect(throws: MailStoreError.self) { try await store.addDomain("bad domain") }
        }
    }

    @Test func accountsRefuseUnknownDomainsAndDuplicates() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("Bob")
            #expect(account.address.description == "Bob@example.test")
            await #expect(throws: MailStoreError.addressInUse("BOB@example.test")) {
                try await store.createAccount(address("BOB@example.test"), credential: "x")
            }
            await #expect(throws: MailStoreError.domainNotFound("nowhere.test")) {
                try await store.createAccount(address("bob@nowhere.test"), credential: "x")
            }
            await #expect(throws: MailStoreError.invalidCredential) {
                try await store.createAccount(address("carol@example.test"), credential: "")
            }
            #expect(try await store.account(for: address("bob@EXAMPLE.test"))?.id == account.id)
            await #expect(throws: MailStoreError.domainNotEmpty("example.test")) { try await store.removeDomain("example.test") }
            try await store.deleteAccount(address("bob@example.test"))
            #expect(try await store.account(for: address("bob@example.test")) == nil)
            try await store.removeDomain("example.test")
            #expect(try await store.domains().isEmpty)
        }
    }

    @Test func newAccountHasSpecialUseMailboxes() async throws {
        try await withStore { fixture in
            let account = try await fixture.account("dana")
            let mailboxes = try await fixture.store.mailboxes(of: account.id)
            let roles = Dictionary(uniqueKeysWithValues: mailboxes.map { ($0.name.rawValue, $0.specialUse) })
            #expect(roles == ["Archive": .archive, "Drafts": .drafts, "INBOX": nil, "Junk": .junk, "Sent": .sent, "Trash": .trash])
            #expect(mailboxes.allSatisfy { $0.isSubscribed })
            #expect(Set(mailboxes.map(\.uidValidity)).count == mailboxes.count)
        }
    }

    @Test func exactAccountPlusAddressAndCatchAllResolve() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let bob = try await fixture.account("bob")
            let postmaster = try await fixture.account("postmaster")

            #expect(try await store.resolveRecipient(address("BOB@Example.Test")) == .local(ResolvedRecipients(accounts: [
                LocalRecipient(account: bob.id, address: bob.address),
            ])))
            #expect(try await store.resolveRecipient(address("bob+lists@example.test")) == .local(ResolvedRecipients(accounts: [
                LocalRecipient(account: bob.id, address: bob.address, tag: "lists"),
            ])))
            #expect(try await store.resolveRecipient(address("nobody@example.test")) == .unknownUser)
            #expect(try await store.resolveRecipient(address("bob@elsewhere.example")) == .nonLocalDomain)

            try await store.addAlias(.catchAll(domain: "example.test"), targets: [postmaster.address])
            #expect(try await store.resolveRecipient(address("nobody@example.test")) == .local(ResolvedRecipients(accounts: [
                LocalRecipient(account: postmaster.id, address: postmaster.address),
            ])))
            // The exact account still wins over the catch-all.
            #expect(try await store.resolveRecipient(address("bob@example.test")) == .local(ResolvedRecipients(accounts: [
                LocalRecipient(account: bob.id, address: bob.address),
            ])))
        }
    }

    @Test func aliasesExpandRecursivelyToAccountsAndRemoteAddresses() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let alice = try await fixture.account("alice")
            let bob = try await fixture.account("bob")
            try await store.addAlias(.address(address("team@example.test")), targets: [alice.address, address("devs@example.test")])
            try await store.addAlias(.address(address("devs@example.test")), targets: [bob.address, alice.address, address("Ext@Remote.example")])

            let resolution = try await store.resolveRecipient(address("team+weekly@example.test"))
            guard case .local(let recipients) = resolution else {
                Issue.record("expected local recipients, got \(resolution)")
                return
            }
            #expect(recipients.accounts.map(\.account) == [alice.id, bob.id])
            #expect(recipients.remoteAddresses.map(\.lookupKey) == ["ext@remote.example"])

            let aliases = try await store.aliases(inDomain: "example.test")
            #expect(aliases.map(\.source.description) == ["devs@example.test", "team@example.test"])
            #expect(aliases.first?.targets.count == 3)
            await #expect(throws: MailStoreError.addressInUse("bob@example.test")) {
                try await store.addAlias(.address(address("bob@example.test")), targets: [alice.address])
            }
            try await store.removeAlias(.address(address("devs@example.test")), targets: [address("ext@remote.example")])
            await #expect(throws: MailStoreError.aliasNotFound("devs@example.test")) {
                try await store.removeAlias(.address(address("devs@example.test")), targets: [address("ext@remote.example")])
            }
        }
    }

    @Test func aliasCyclesTerminate() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let carol = try await fixture.account("carol")
            try await store.addAlias(.address(address("a@example.test")), targets: [address("b@example.test")])
            try await store.addAlias(.address(address("b@example.test")), targets: [address("a@example.test"), address("c@example.test")])
            try await store.addAlias(.address(address("c@example.test")), targets: [address("a@example.test"), carol.address])
            #expect(try await store.resolveRecipient(address("a@example.test")) == .local(ResolvedRecipients(accounts: [
                LocalRecipient(account: carol.id, address: carol.address),
            ])))
            // A cycle that reaches no account resolves to nobody.
            try await store.addAlias(.address(address("x@example.test")), targets: [address("y@example.test")])
            try await store.addAlias(.address(address("y@example.test")), targets: [address("x@example.test")])
            #expect(try await store.resolveRecipient(address("x@example.test")) == .unknownUser)
            // A catch-all pointing at an unknown address of its own domain ends too.
            try await store.addAlias(.catchAll(domain: "example.test"), targets: [address("ghost@example.test")])
            #expect(try await store.resolveRecipient(address("ghost@example.test")) == .unknownUser)
        }
    }

    @Test func aliasDepthAndFanOutAreBounded() async throws {
        var limits = MailStoreLimits()
        limits.maximumAliasDepth = 3
        limits.maximumResolvedRecipients = 5
        limits.maximumAliasTargets = 10
        try await withStore(limits: limits) { fixture in
            let store = fixture.store
            _ = try await fixture.account("end")
            for level in 0 ..< 5 {
                try await store.addAlias(.address(address("chain\(level)@example.test")), targets: [address("chain\(level + 1)@example.test")])
            }
            try await store.addAlias(.address(address("chain5@example.test")), targets: [address("end@example.test")])
            await #expect(throws: MailStoreError.aliasExpansionTooLarge("chain0@example.test")) {
                try await store.resolveRecipient(address("chain0@example.test"))
            }
            let many = try (0 ..< 6).map { try address("r\($0)@remote.example") }
            try await store.addAlias(.address(address("wide@example.test")), targets: many)
            await #expect(throws: MailStoreError.aliasExpansionTooLarge("wide@example.test")) {
                try await store.resolveRecipient(address("wide@example.test"))
            }
            let tooMany = try (0 ..< 11).map { try address("t\($0)@remote.example") }
            await #expect(throws: MailStoreError.tooManyAliasTargets(source: "huge@example.test", limit: 10)) {
                try await store.addAlias(.address(address("huge@example.test")), targets: tooMany)
            }
        }
    }
}
