import Foundation
import MailCore
import Testing
@testable import MailStore

@Suite("Change feed")
struct ChangeFeedTests {
    @Test func changesArriveInCommitOrderForTheirAccountOnly() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("watcher")
            let other = try await fixture.account("other")
            let inbox = try await fixture.inbox(of: account)
            let feed = store.changes(of: account.id)
            var iterator = feed.makeAsyncIterator()

            _ = try await store.deliver(.bytes(testMessage()), to: [DeliveryTarget(account: other.id)])
            let first = try await store.deliver(.bytes(testMessage()), to: [DeliveryTarget(account: account.id)])
            let flags = try await store.storeFlags(.add(MessageFlags(system: .seen)), on: .all, in: inbox, unchangedSince: nil)
            let expunge = try await store.expunge(.all, in: inbox, onlyDeleted: false)
            let created = try await store.createMailbox(MailboxName("New"), of: account.id, specialUse: nil)
            try await store.renameMailbox(MailboxName("New"), to: MailboxName("Newer"), of: account.id)
            try await store.deleteMailbox(MailboxName("Newer"), of: account.id)

            let new = try MailboxName("New")
            let newer = try MailboxName("Newer")
            let expected: [StoreChange] = [
                .messagesAdded(inbox, uids: [first.saved[0].uid], highestModSequence: first.saved[0].modSequence),
                .flagsChanged(inbox, flags.updates),
                .messagesExpunged(inbox, uids: [UID(1)], modSequence: expunge.modSequence),
                .mailboxCreated(created.id, name: new),
                .mailboxRenamed(created.id, from: new, to: newer),
                .mailboxDeleted(created.id, name: newer),
            ]
            var received: [StoreChange] = []
            for _ in expected {
                guard let change = await iterator.next() else { break }
                received.append(change)
            }
            #expect(received == expected)
        }
    }

    @Test func concurrentDeliveriesArriveInUIDOrder() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("ordered")
            let feed = store.changes(of: account.id)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0 ..< 40 {
                    group.addTask {
                        _ = try await store.deliver(.bytes(testMessage(subject: "\(index)")), to: [DeliveryTarget(account: account.id)])
                    }
                }
                try await group.waitForAll()
            }
            var uids: [UID] = []
            for await change in feed {
                if case .messagesAdded(_, let added, _) = change { uids.append(contentsOf: added) }
                if uids.count == 40 { break }
            }
            #expect(uids == (1 ... 40).map { UID(UInt32($0)) })
        }
    }

    @Test func aSlowSubscriberGetsResyncNeededAndBoundedMemory() async throws {
        var limits = MailStoreLimits()
        limits.changeFeedBufferLimit = 3
        try await withStore(limits: limits) { fixture in
            let store = fixture.store
            let account = try await fixture.account("slow")
            var iterator = store.changes(of: account.id).makeAsyncIterator()
            for index in 0 ..< 10 {
                _ = try await store.deliver(.bytes(testMessage(subject: "\(index)")), to: [DeliveryTarget(account: account.id)])
            }
            var received: [StoreChange] = []
            for _ in 0 ..< 4 {
                if let change = await iterator.next() { received.append(change) }
            }
            #expect(received.prefix(3).allSatisfy { if case .messagesAdded = $0 { true } else { false } })
            #expect(received.last == .resyncNeeded)
            // After the marker, events flow again.
            let later = try await store.deliver(.bytes(testMessage()), to: [DeliveryTarget(account: account.id)])
            let next = await iterator.next()
            #expect(next == .messagesAdded(later.saved[0].mailbox, uids: [later.saved[0].uid], highestModSequence: later.saved[0].modSequence))
        }
    }

    @Test func droppingAFeedEndsItsSubscription() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("leaver")
            do {
                let feed = store.changes(of: account.id)
                #expect(store.subscriberCount(of: account.id) == 1)
                _ = feed
            }
            try await waitUntil { store.subscriberCount(of: account.id) == 0 }

            let task = Task {
                var count = 0
                for await _ in store.changes(of: account.id) { count += 1 }
                return count
            }
            try await waitUntil { store.subscriberCount(of: account.id) == 1 }
            task.cancel()
            _ = await task.value
            try await waitUntil { store.subscriberCount(of: account.id) == 0 }
        }
    }
}
