/// A token bucket: holds up to `capacity` tokens, refills at `refillPerSecond`, and lets an
/// event through when it can take a token. A full bucket is the state of a client that has
/// been quiet long enough to have its whole allowance back.
public struct TokenBucket: Sendable, Equatable {
    /// The most tokens the bucket holds (the burst allowed after a quiet period).
    public let capacity: Double
    /// Tokens added per second.
    public let refillPerSecond: Double
    private(set) var tokens: Double
    private(set) var updatedAt: Double

    /// A full bucket at time `now` (seconds on any monotonic scale).
    public init(capacity: Double, refillPerSecond: Double, now: Double) {
        self.capacity = max(0, capacity)
        self.refillPerSecond = max(0, refillPerSecond)
        self.tokens = self.capacity
        self.updatedAt = now
    }

    /// Takes `count` tokens if the bucket has them at `now`; false (and nothing taken) if not.
    public mutating func take(_ count: Double = 1, now: Double) -> Bool {
        refill(now: now)
        guard tokens >= count else { return false }
        tokens -= count
        return true
    }

    /// Whether the bucket is full again at `now` (it can then be forgotten).
    public func isFull(now: Double) -> Bool {
        tokens + max(0, now - updatedAt) * refillPerSecond >= capacity
    }

    /// Seconds from `now` until `count` tokens are available.
    public func secondsUntilAvailable(_ count: Double = 1, now: Double) -> Double {
        var copy = self
        copy.refill(now: now)
        guard copy.tokens < count, refillPerSecond > 0 else { return 0 }
        return (count - copy.tokens) / refillPerSecond
    }

    private mutating func refill(now: Double) {
        let elapsed = now - updatedAt
        guard elapsed > 0 else { return }
        tokens = min(capacity, tokens + elapsed * refillPerSecond)
        updatedAt = now
    }
}
