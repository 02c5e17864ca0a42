import Locking

/// One rate limit applied separately to each key (a client address, a network, a user):
/// a token bucket per key, created full on first use. Memory is bounded: past
/// `maximumKeys` keys, buckets that are full again are forgotten first, then the oldest.
/// Safe to use from any thread.
public final class KeyedRateLimiter: Sendable {
    /// The rate each key gets.
    public let limit: RateLimit
    private let maximumKeys: Int
    private let buckets = Locked<[String: TokenBucket]>([:])

    public init(limit: RateLimit, maximumKeys: Int = 100_000) {
        self.limit = limit
        self.maximumKeys = max(1, maximumKeys)
    }

    /// Takes one token (or `count`) from `key`'s bucket at `now`; false when the key is over
    /// its rate.
    public func take(_ key: String, count: Double = 1, now: Double) -> Bool {
        buckets.withLock { buckets in
            if buckets[key] == nil, buckets.count >= maximumKeys { Self.evict(&buckets, now: now) }
            var bucket = buckets[key] ?? limit.makeBucket(now: now)
            let taken = bucket.take(count, now: now)
            buckets[key] = bucket
            return taken
        }
    }

    /// Keys with a bucket now (for tests and metrics).
    public var trackedKeys: Int { buckets.withLock { $0.count } }

    /// Forgets full buckets; if none is full, the emptiest-refilled half (oldest use).
    private static func evict(_ buckets: inout [String: TokenBucket], now: Double) {
        let before = buckets.count
        buckets = buckets.filter { !$0.value.isFull(now: now) }
        guard buckets.count == before else { return }
        let oldest = buckets.sorted { $0.value.updatedAt < $1.value.updatedAt }.prefix(max(1, before / 2))
        for (key, _) in oldest { buckets.removeValue(forKey: key) }
    }
}
