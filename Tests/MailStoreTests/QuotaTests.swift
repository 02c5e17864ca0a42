import Foundation
import MailCore
import Testing
@testable import MailStore

@Suite("Quotas: usage kept by triggers, APPEND and COPY refused over the limit")
struct QuotaTests {
    @Test func usageFollowsDeliveriesCopiesMovesAndExpunges() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("quinn")
            let inbox = try await fixture.inbox(of: account)
            let archive = try await fixture.mailbox("Archive", of: account)
            #expect(try await store.quota(of: account.id) == AccountQuota(storageLimit: nil, messageLimit: nil, storageUsed: 0, messagesUsed: 0))
            let first = testMessage(subject: "one")
            let second = testMessage(subject: "two", padding: 3000)
            _ = try await store.deliver(.bytes(first), to: [DeliveryTarget(account: account.id)])
            _ = try await store.append(.bytes(second), to: inbox, flags: .none)
            var quota = try await store.quota(of: account.id)
            #expect(quota.messagesUsed == 2 && quota.storageUsed == first.count + second.count)

            // COPY counts every copy; MOVE within the account changes nothing; EXPUNGE frees.
            _ = try await store.copy(UIDSet([UID(2)]), from: inbox, to: archive)
            quota = try await store.quota(of: account.id)
            #expect(quota.messagesUsed == 3 && quota.storageUsed == first.count + 2 * second.count)
            _ = try await store.move(UIDSet([UID(1)]), from: inbox, to: archive)
            #expect(try await store.quota(of: account.id).messagesUsed == 3)
            _ = try await store.expunge(UIDSet([UID(2)]), in: inbox, onlyDeleted: false)
            quota = try await store.quota(of: account.id)
            #expect(quota.messagesUsed == 2 && quota.storageUsed == first.count + second.count)
            #expect(try await store.checkInvariants().isEmpty)
        }
    }

    @Test func appendAndCopyAreRefusedOverTheLimitButMoveIsNot() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("rita")
            let inbox = try await fixture.inbox(of: account)
            let archive = try await fixture.mailbox("Archive", of: account)
            let message = testMessage(subject: "sized", padding: 2000)
            try await store.setQuota(storage: 3 * message.count - 1, messages: 10, for: account.address)
            _ = try await store.append(.bytes(message), to: inbox, flags: .none)
            _ = try await store.append(.bytes(message), to: inbox, flags: .none)
            await #expect(throws: MailStoreError.overQuota) {
                try await store.append(.bytes(message), to: inbox, flags: .none)
            }
            await #expect(throws: MailStoreError.overQuota) {
                try await store.copy(UIDSet([UID(1)]), from: inbox, to: archive)
            }
            _ = try await store.move(UIDSet([UID(1)]), from: inbox, to: archive)
            var quota = try await store.quota(of: account.id)
            #expect(quota.messagesUsed == 2 && !quota.isFull)

            // The message limit counts too; a delivery is not refused by the store (RCPT is).
            try await store.setQuota(storage: nil, messages: 2, for: account.address)
            quota = try await store.quota(of: account.id)
            #expect(quota.isFull)
            await #expect(throws: MailStoreError.overQuota) {
                try await store.append(.bytes(testMessage(subject: "small")), to: inbox, flags: .none)
            }
            _ = try await store.deliver(.bytes(testMessage(subject: "delivered")), to: [DeliveryTarget(account: account.id)])
            #expect(try await store.quota(of: account.id).messagesUsed == 3)
            #expect(try await store.checkInvariants().isEmpty)
        }
    }

    @Test func concurrentAppendsNeverOvershootTheLimit() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("sam")
            let inbox = try await fixture.inbox(of: account)
            try await store.setQuota(storage: nil, messages: 5, for: account.address)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for number in 0 ..< 12 {
                    group.addTask {
                        (try? await store.append(.bytes(testMessage(subject: "race \(number)")), to: inbox, flags: .none)) != nil
                    }
                }
                var saved = 0
                for await outcome in group where outcome { saved += 1 }
                return saved
            }
            #expect(outcomes == 5)
            #expect(try await store.quota(of: account.id).messagesUsed == 5)
            #expect(try await store.checkInvariants().isEmpty)
        }
    }
}
