import Foundation
import MailCore
import Testing
@testable import MailStore

@Suite("Outbound queue")
struct OutboundQueueTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func envelope(_ id: String, to recipients: [String], sender: String = "alice@example.test") -> OutboundEnvelope {
        OutboundEnvelope(queueID: id, sender: sender, recipients: recipients.map { OutboundRecipient(address: $0) },
                         envelopeID: "env-\(id)", returnsFullMessage: false, expires: now.addingTimeInterval(5 * 86_400))
    }

    @Test("local copies and the queue entry are saved in one commit, sharing the content")
    func acceptLocalAndRemote() async throws {
        try await withStore { fixture in
            let bob = try await fixture.account("bob")
            let message = testMessage()
            let receipt = try await fixture.store.accept(
                .bytes(message), localTargets: [DeliveryTarget(account: bob.id)],
                outbound: envelope("Q1", to: ["carol@remote.example", "dave@Other.Example"]))
            #expect(receipt.saved.count == 1)
            #expect(receipt.queueID == "Q1")
            let entry = try #require(try await fixture.store.queueEntry("Q1"))
            #expect(entry.envelope.sender == "alice@example.test")
            #expect(entry.envelope.envelopeID == "env-Q1")
            #expect(entry.envelope.returnsFullMessage == false)
            #expect(entry.recipients.map(\.recipient.address) == ["carol@remote.example", "dave@Other.Example"])
            #expect(entry.recipients.allSatisfy { $0.state == .pending && $0.attempts == 0 })
            #expect(entry.size == message.count)
            #expect(try await fixture.store.queuedContent(of: "Q1") == message)
            let statistics = try await fixture.store.statistics()
            #expect(statistics.blobs == 1)
            #expect(try await fixture.store.checkInvariants().isEmpty)
        }
    }

    @Test("a message only for remote recipients is queued; neither local nor remote is refused")
    func remoteOnlyAndEmpty() async throws {
        try await withStore { fixture in
            let receipt = try await fixture.store.accept(.bytes(testMessage()), localTargets: [],
                                                         outbound: envelope("Q2", to: ["x@remote.example"]))
            #expect(receipt.saved.isEmpty)
            #expect(try await fixture.store.queueEntries().map(\.envelope.queueID) == ["Q2"])
            await #expect(throws: MailStoreError.noDeliveryTargets) {
                try await fixture.store.accept(.bytes(testMessage()), localTargets: [], outbound: nil)
            }
            await #expect(throws: MailStoreError.queueEntryExists("Q2")) {
                try await fixture.store.accept(.bytes(testMessage()), localTargets: [],
                                               outbound: self.envelope("Q2", to: ["y@remote.example"]))
            }
            #expect(try await fixture.store.checkInvariants().isEmpty)
        }
    }

    @Test("claims group recipients by domain, lease them, and never hand them out twice")
    func claimsAndLeases() async throws {
        try await withStore { fixture in
            try await fixture.store.accept(.bytes(testMessage()), localTargets: [],
                                           outbound: envelope("Q3", to: ["a@one.example", "b@two.example", "c@ONE.example"]))
            let lease = now.addingTimeInterval(600)
            let claims = try await fixture.store.claimDueRecipients(now: now, owner: "runner-1", leaseEnds: lease, limit: 10)
            #expect(claims.count == 2)
            let byDomain = Dictionary(uniqueKeysWithValues: claims.map { ($0.domain, $0.positions) })
            #expect(byDomain["one.example"] == [0, 2])
            #expect(byDomain["two.example"] == [1])
            // Leased: a second runner gets nothing until the lease ends.
            #expect(try await fixture.store.claimDueRecipients(now: now, owner: "runner-2", leaseEnds: lease, limit: 10).isEmpty)
            let afterLease = try await fixture.store.claimDueRecipients(now: lease, owner: "runner-2",
                                                                        leaseEnds: lease.addingTimeInterval(600), limit: 1)
            #expect(afterLease.count == 1)
            #expect(afterLease.first?.owner == "runner-2")
        }
    }

    @Test("attempts move recipients on; a finished entry leaves the queue and frees its content")
    func recordingAttempts() async throws {
        try await withStore { fixture in
            try await fixture.store.accept(.bytes(testMessage()), localTargets: [],
                                           outbound: envelope("Q4", to: ["a@one.example", "b@one.example"]))
            _ = try await fixture.store.claimDueRecipients(now: now, owner: "r", leaseEnds: now.addingTimeInterval(60), limit: 10)
            let retryAt = now.addingTimeInterval(300)
            let entries = try await fixture.store.recordAttempts([
                DeliveryAttemptResult(queueID: "Q4", position: 0, outcome: .delivered(reply: "250 2.0.0 OK")),
                DeliveryAttemptResult(queueID: "Q4", position: 1, outcome: .deferred(reason: "451 4.3.0 busy", retryAt: retryAt)),
            ])
            let entry = try #require(entries.first)
            #expect(entry.recipients.map(\.state) == [.delivered, .deferred])
            #expect(entry.recipients[1].nextAttempt == retryAt)
            #expect(entry.recipients[1].lastResult == "451 4.3.0 busy")
            #expect(entry.recipients[1].attempts == 1)
            // Not due before its retry time; due after it, even though the lease would have run.
            #expect(try await fixture.store.claimDueRecipients(now: now.addingTimeInterval(120), owner: "r",
                                                               leaseEnds: now.addingTimeInterval(180), limit: 10).isEmpty)
            let again = try await fixture.store.claimDueRecipients(now: retryAt, owner: "r", leaseEnds: retryAt.addingTimeInterval(60), limit: 10)
            #expect(again.map(\.positions) == [[1]])
            let final = try await fixture.store.recordAttempts([
                DeliveryAttemptResult(queueID: "Q4", position: 1, outcome: .failed(reason: "550 5.1.1 no such user")),
            ])
            #expect(final.first?.recipients.map(\.state) == [.delivered, .failed])
            #expect(try await fixture.store.queueEntry("Q4") == nil)
            await #expect(throws: MailStoreError.queueEntryNotFound("Q4")) { try await fixture.store.queuedContent(of: "Q4") }
            #expect(try await fixture.store.statistics().blobs == 0)
            #expect(try await fixture.store.checkInvariants().isEmpty)
        }
    }

    @Test("flush makes recipients due now; remove drops an entry; content in files is kept while queued")
    func flushAndRemove() async throws {
        var limits = MailStoreLimits()
        limits.inlineBlobThreshold = 1024
        try await withStore(limits: limits) { fixture in
            let bob = try await fixture.account("bob")
            let big = testMessage(padding: 8 * 1024)
            try await fixture.store.accept(.bytes(big), localTargets: [DeliveryTarget(account: bob.id)],
                                           outbound: envelope("Q5", to: ["a@one.example"]))
            _ = try await fixture.store.claimDueRecipients(now: now, owner: "r", leaseEnds: now.addingTimeInterval(60), limit: 10)
            try await fixture.store.recordAttempts([DeliveryAttemptResult(
                queueID: "Q5", position: 0, outcome: .deferred(reason: "timeout", retryAt: now.addingTimeInterval(3600)))])
            #expect(try await fixture.store.flushQueue(nil, now: now) == 1)
            #expect(try await fixture.store.claimDueRecipients(now: now, owner: "r", leaseEnds: now.addingTimeInterval(60), limit: 10).count == 1)
            await #expect(throws: MailStoreError.queueEntryNotFound("nope")) { try await fixture.store.flushQueue("nope", now: now) }

            // The local copy goes; the queue still holds the content file.
            let inbox = try await fixture.inbox(of: bob)
            try await fixture.store.expunge(UIDSet([UID(1)]), in: inbox, onlyDeleted: false)
            try await fixture.store.collectGarbage()
            #expect(try await fixture.store.queuedContent(of: "Q5") == big)

            try await fixture.store.removeFromQueue("Q5")
            #expect(try await fixture.store.queueEntries().isEmpty)
            await #expect(throws: MailStoreError.queueEntryNotFound("Q5")) { try await fixture.store.removeFromQueue("Q5") }
            #expect(try await fixture.store.statistics().blobs == 0)
            #expect(try await fixture.store.checkInvariants(verifyContent: true).isEmpty)
        }
    }

    @Test("the queue survives reopening the store")
    func durableAcrossReopen() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try await SQLiteMailStore.open(directory: directory, analyzer: headerAnalyzer)
            try await store.accept(.bytes(testMessage()), localTargets: [], outbound: envelope("Q6", to: ["a@one.example"]))
            await store.close()
        }
        let reopened = try await SQLiteMailStore.open(directory: directory, analyzer: headerAnalyzer)
        #expect(try await reopened.queueEntry("Q6")?.recipients.count == 1)
        await reopened.close()
    }
}
