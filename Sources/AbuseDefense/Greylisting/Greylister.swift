import MailStore
import Locking

/// Greylisting against the store: reads a triplet's and its client network's records,
/// decides with the ``GreylistPolicy``, writes what changed, and now and then deletes the
/// records older than the lifetime. A store failure lets the attempt pass (fail open) and is
/// reported in the outcome for the log.
public final class Greylister: Sendable {
    public let policy: GreylistPolicy
    private let store: any GreylistStore
    /// Milliseconds since 1970.
    private let clock: @Sendable () -> Int64
    /// How often expired records are deleted.
    private let expiryInterval: Int64
    /// When expired records were last deleted (0: not yet).
    private let lastExpiry = Locked<Int64>(0)

    /// A greylister on `store`; `clock` gives the time in milliseconds since 1970.
    public init(policy: GreylistPolicy, store: any GreylistStore, expiryInterval: Int64 = 3_600_000,
                clock: @escaping @Sendable () -> Int64) {
        self.policy = policy
        self.store = store
        self.clock = clock
        self.expiryInterval = expiryInterval
    }

    /// What happened to one attempt.
    public struct Outcome: Sendable {
        public let decision: GreylistDecision
        /// The store error that made the attempt pass unchecked, if any.
        public let storeError: MailStoreError?
    }

    /// Decides whether `triplet` may pass now, and records the attempt.
    public func check(_ triplet: GreylistTriplet) async -> Outcome {
        let now = clock()
        do {
            try await expireIfDue(now: now)
            let records = try await store.greylistRecords([triplet.key, triplet.clientKey])
            let decision = policy.decide(triplet: records[triplet.key], client: records[triplet.clientKey], now: now)
            var changes: [String: GreylistRecord] = [:]
            changes[triplet.key] = decision.triplet
            changes[triplet.clientKey] = decision.client
            try await store.saveGreylistRecords(changes)
            return Outcome(decision: decision, storeError: nil)
        } catch {
            return Outcome(decision: GreylistDecision(verdict: .pass(.storeUnavailable), triplet: nil, client: nil),
                           storeError: error)
        }
    }

    /// Deletes the records not seen for the lifetime, at most once per expiry interval.
    private func expireIfDue(now: Int64) async throws(MailStoreError) {
        let due = lastExpiry.withLock { last in
            guard now - last >= expiryInterval else { return false }
            last = now
            return true
        }
        guard due else { return }
        try await store.expireGreylistRecords(lastSeenBefore: now - policy.lifetime)
    }
}
