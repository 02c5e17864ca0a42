import Foundation
import MailCore
import Testing
@testable import MailStore

@Suite("Mailboxes: create, delete, rename, subscribe, status")
struct MailboxTests {
    @Test func createMakesMissingSuperiorsAndRefusesDuplicates() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("erin")
            let created = try await store.createMailbox(MailboxName("Projects/2025/Q4"), of: account.id, specialUse: nil)
            #expect(created.name.rawValue == "Projects/2025/Q4")
            let names = try await store.mailboxes(of: account.id).map(\.name.rawValue)
            #expect(names.contains("Projects"))
            #expect(names.contains("Projects/2025"))
            await #expect(throws: MailStoreError.mailboxExists("Projects/2025")) {
                try await store.createMailbox(MailboxName("Projects/2025"), of: account.id, specialUse: nil)
            }
            await #expect(throws: MailStoreError.mailboxExists("INBOX")) {
                try await store.createMailbox(MailboxName("inbox"), of: account.id, specialUse: nil)
            }
        }
    }

    @Test func mailboxCountIsLimited() async throws {
        var limits = MailStoreLimits()
        limits.maximumMailboxesPerAccount = 8
        try await withStore(limits: limits) { fixture in
            let account = try await fixture.account("frank")
            try await fixture.store.createMailbox(MailboxName("One"), of: account.id, specialUse: nil)
            await #expect(throws: MailStoreError.tooManyMailboxes(limit: 8)) {
                try await fixture.store.createMailbox(MailboxName("Two/Three"), of: account.id, specialUse: nil)
            }
            #expect(try await fixture.store.mailboxes(of: account.id).count == 7)
        }
    }

    @Test func deleteRefusesInboxAndParentsAndReusedNameGetsNewUIDValidity() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("gina")
            let first = try await store.createMailbox(MailboxName("Lists/Swift"), of: account.id, specialUse: nil)
            let saved = try await store.append(.bytes(testMessage()), to: first.id, flags: .none)
            await #expect(throws: MailStoreError.cannotDeleteInbox) { try await store.deleteMailbox(.inbox, of: account.id) }
            await #expect(throws: MailStoreError.mailboxHasChildren("Lists")) {
                try await store.deleteMailbox(MailboxName("Lists"), of: account.id)
            }
            try await store.deleteMailbox(MailboxName("Lists/Swift"), of: account.id)
            await #expect(throws: MailStoreError.mailboxNotFound(first.id.description)) { try await store.status(of: first.id) }
            let second = try await store.createMailbox(MailboxName("Lists/Swift"), of: account.id, specialUse: nil)
            #expect(second.id != first.id)
            #expect(second.uidValidity > first.uidValidity)
            #expect(try await store.status(of: second.id).messages == 0)
            #expect(saved.uid == UID(1))
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test func renameMovesTheSubtreeAndKeepsIdentity() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("hank")
            let parent = try await store.createMailbox(MailboxName("Work"), of: account.id, specialUse: nil)
            let child = try await store.createMailbox(MailboxName("Work/Reports"), of: account.id, specialUse: nil)
            _ = try await store.append(.bytes(testMessage(subject: "report")), to: child.id, flags: .none)
            try await store.renameMailbox(MailboxName("Work"), to: MailboxName("Old/Job"), of: account.id)

            let renamedParent = try await store.mailbox(named: MailboxName("Old/Job"), of: account.id)
            let renamedChild = try await store.mailbox(named: MailboxName("Old/Job/Reports"), of: account.id)
            #expect(renamedParent.id == parent.id)
            #expect(renamedChild.id == child.id)
            #expect(renamedChild.uidValidity == child.uidValidity)
            #expect(try await store.status(of: child.id).messages == 1)
            _ = try await store.mailbox(named: MailboxName("Old"), of: account.id)
            await #expect(throws: MailStoreError.mailboxNotFound("Work")) {
                try await store.mailbox(named: MailboxName("Work"), of: account.id)
            }
            await #expect(throws: MailStoreError.mailboxExists("Sent")) {
                try await store.renameMailbox(MailboxName("Drafts"), to: MailboxName("Sent"), of: account.id)
            }
            await #expect(throws: MailStoreError.self) {
                try await store.renameMailbox(MailboxName("Old"), to: MailboxName("Old/Inner"), of: account.id)
            }
        }
    }

    @Test func renamingInboxMovesItsMessagesAndLeavesItEmpty() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("iris")
            let inbox = try await fixture.inbox(of: account)
            let child = try await store.createMailbox(MailboxName("INBOX/Sub"), of: account.id, specialUse: nil)
            for index in 0 ..< 3 {
                _ = try await store.deliver(.bytes(testMessage(subject: "m\(index)")), to: [DeliveryTarget(account: account.id)])
            }
            try await store.storeFlags(.add(MessageFlags(system: .flagged)), on: UIDSet([UID(2)]), in: inbox, unchangedSince: nil)
            let before = try await store.status(of: inbox)

            try await store.renameMailbox(.inbox, to: MailboxName("Old Inbox"), of: account.id)

            let after = try await store.status(of: inbox)
            #expect(after.messages == 0)
            #expect(after.uidNext == before.uidNext)
            #expect(after.highestModSequence > before.highestModSequence)
            #expect(try await store.expunged(from: inbox, since: .zero).uids == [UID(1), UID(2), UID(3)])
            let moved = try await store.mailbox(named: MailboxName("Old Inbox"), of: account.id)
            let snapshot = try await store.snapshot(of: moved.id, changedSince: nil)
            #expect(snapshot.messages.map(\.uid) == [UID(1), UID(2), UID(3)])
            #expect(snapshot.messages.map { $0.flags.system.contains(.flagged) } == [false, true, false])
            // INBOX's inferiors stay where they are.
            #expect(try await store.mailbox(named: MailboxName("INBOX/Sub"), of: account.id).id == child.id)
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test func subscriptionsAndStatus() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("jack")
            try await store.setSubscribed(false, mailbox: MailboxName("Junk"), of: account.id)
            #expect(try await store.mailbox(named: MailboxName("Junk"), of: account.id).isSubscribed == false)
            await #expect(throws: MailStoreError.mailboxNotFound("Nope")) {
                try await store.setSubscribed(true, mailbox: MailboxName("Nope"), of: account.id)
            }
            let inbox = try await fixture.inbox(of: account)
            let first = testMessage(subject: "one")
            let second = testMessage(subject: "two", padding: 500)
            _ = try await store.append(.bytes(first), to: inbox, flags: MessageFlags(system: .seen))
            _ = try await store.append(.bytes(second), to: inbox, flags: MessageFlags(system: .deleted))
            let status = try await store.status(of: inbox)
            #expect(status.messages == 2)
            #expect(status.unseen == 1)
            #expect(status.deleted == 1)
            #expect(status.size == first.count + second.count)
            #expect(status.uidNext == UID(3))
            #expect(status.highestModSequence > ModSequence(1))
        }
    }

    @Test func anotherAccountsMailboxIsUnreachable() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let owner = try await fixture.account("owner")
            let intruder = try await fixture.account("intruder")
            let ownerInbox = try await fixture.inbox(of: owner)
            _ = try await store.append(.bytes(testMessage()), to: ownerInbox, flags: .none)
            let forged = MailboxID(account: intruder.id, rawValue: ownerInbox.rawValue)
            await #expect(throws: MailStoreError.mailboxNotFound(forged.description)) { try await store.snapshot(of: forged, changedSince: nil) }
            await #expect(throws: MailStoreError.mailboxNotFound(forged.description)) {
                try await store.content(of: UID(1), in: forged)
            }
        }
    }
}
