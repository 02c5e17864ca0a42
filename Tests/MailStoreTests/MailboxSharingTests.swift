import MailCore
import Testing
@testable import MailStore

/// Access control lists (RFC 4314) in the store: rights are the union of the account's entry
/// and `anyone`'s, the owner always has all, and grants end with their mailbox or grantee.
@Suite("Store: mailbox sharing")
struct MailboxSharingTests {
    @Test("rights letters: c and d stand for their rights and are reported with them; other letters are refused")
    func rightsLetters() {
        #expect(MailboxRights(letters: "lr") == [.lookup, .read])
        #expect(MailboxRights(letters: "c") == [.createMailbox])
        #expect(MailboxRights(letters: "d") == [.deleteMailbox, .deleteMessages, .expunge])
        #expect(MailboxRights(letters: "lrz") == nil)
        #expect(MailboxRights.all.letters == "lrswipkxteacd")
        #expect(MailboxRights([.lookup, .expunge]).letters == "led")
        #expect(MailboxRights([.lookup, .expunge]).standardLetters == "le")
        #expect(MailboxRights(toChange: .add(MessageFlags(system: [.seen, .deleted]))) == [.keepSeen, .deleteMessages])
        #expect(MailboxRights(toChange: .remove(MessageFlags(keywords: ["$Work"]))) == [.write])
        #expect(MailboxRights(toChange: .replace(.none)) == [.keepSeen, .write, .deleteMessages])
        #expect(MailboxRights([.keepSeen]).permitted(MessageFlags(system: [.seen, .flagged], keywords: ["$Work"]))
            == MessageFlags(system: [.seen]))
    }

    @Test("grants add up with anyone's; the owner has every right and cannot be a grantee")
    func grantsAndRights() async throws {
        try await withStore { fixture in
            let alice = try await fixture.account("alice")
            let bob = try await fixture.account("bob")
            let carol = try await fixture.account("carol")
            let inbox = try await fixture.inbox(of: alice)
            #expect(try await fixture.store.rights(of: alice.id, on: inbox) == .all)
            #expect(try await fixture.store.rights(of: bob.id, on: inbox) == [])
            try await fixture.store.setRights([.lookup, .read], of: .account(bob.id), on: inbox)
            try await fixture.store.setRights([.lookup, .keepSeen], of: .anyone, on: inbox)
            #expect(try await fixture.store.rights(of: bob.id, on: inbox) == [.lookup, .read, .keepSeen])
            #expect(try await fixture.store.rights(of: carol.id, on: inbox) == [.lookup, .keepSeen])
            let grants = try await fixture.store.grants(on: inbox)
            #expect(grants.map(\.grantee) == [.anyone, .account(bob.id)])
            #expect(grants.last?.granteeAddress == bob.address)
            await #expect(throws: MailStoreError.invalidGrant("the owner always has every right on its own mailboxes")) {
                try await fixture.store.setRights([.read], of: .account(alice.id), on: inbox)
            }
            // A mailbox id under the wrong account grants nothing.
            let forged = MailboxID(account: bob.id, rawValue: inbox.rawValue)
            #expect(try await fixture.store.rights(of: carol.id, on: forged) == [])
            try await fixture.store.setRights([], of: .anyone, on: inbox)
            #expect(try await fixture.store.rights(of: carol.id, on: inbox) == [])
        }
    }

    @Test("shared mailboxes need the lookup right; subscriptions are the viewer's own")
    func sharedMailboxList() async throws {
        try await withStore { fixture in
            let alice = try await fixture.account("alice")
            let bob = try await fixture.account("bob")
            let inbox = try await fixture.inbox(of: alice)
            let sent = try await fixture.mailbox("Sent", of: alice)
            try await fixture.store.setRights([.read], of: .account(bob.id), on: sent)
            try await fixture.store.setRights([.lookup, .read], of: .anyone, on: inbox)
            let shared = try await fixture.store.sharedMailboxes(visibleTo: bob.id)
            #expect(shared.map(\.info.id) == [inbox])
            #expect(shared.first?.owner == alice.address)
            #expect(shared.first?.rights == [.lookup, .read])
            #expect(shared.first?.info.isSubscribed == false)
            #expect(try await fixture.store.sharedMailboxes(visibleTo: alice.id).isEmpty, "never one's own")
            try await fixture.store.setSharedSubscription(true, mailbox: inbox, for: bob.id)
            #expect(try await fixture.store.sharedMailboxes(visibleTo: bob.id).first?.info.isSubscribed == true)
            #expect(try await fixture.store.mailbox(named: .inbox, of: alice.id).isSubscribed, "alice's own stays")
        }
    }

    @Test("deleting the mailbox or the grantee's account removes the grants and subscriptions")
    func grantsEndWithMailboxAndAccount() async throws {
        try await withStore { fixture in
            let alice = try await fixture.account("alice")
            let bob = try await fixture.account("bob")
            let team = try await fixture.store.createMailbox(MailboxName("Team"), of: alice.id, specialUse: nil).id
            let inbox = try await fixture.inbox(of: alice)
            for mailbox in [team, inbox] {
                try await fixture.store.setRights([.lookup, .read], of: .account(bob.id), on: mailbox)
                try await fixture.store.setSharedSubscription(true, mailbox: mailbox, for: bob.id)
            }
            try await fixture.store.deleteMailbox(MailboxName("Team"), of: alice.id)
            #expect(try await fixture.store.sharedMailboxes(visibleTo: bob.id).map(\.info.id) == [inbox])
            try await fixture.store.deleteAccount(bob.address)
            #expect(try await fixture.store.grants(on: inbox).isEmpty)
            // A new account of the same address gets a new identifier: nothing carries over.
            let newBob = try await fixture.account("bob")
            #expect(try await fixture.store.sharedMailboxes(visibleTo: newBob.id).isEmpty)
            #expect(try await fixture.store.checkInvariants().isEmpty)
        }
    }
}
