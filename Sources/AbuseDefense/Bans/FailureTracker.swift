/// Counts each client address's failures (failed logins, protocol abuse) within a sliding
/// window, and says when an address reaches the count that bans it. Bounded: at most
/// `maximumFailures` timestamps are kept per address and at most `maximumAddresses`
/// addresses (the least recently failing are forgotten first).
public struct FailureTracker: Sendable {
    /// Failures within the window that ban an address.
    public let maximumFailures: Int
    /// The window, in seconds.
    public let windowSeconds: Double
    private let maximumAddresses: Int
    private var failures: [String: [Double]] = [:]

    public init(maximumFailures: Int, windowSeconds: Double, maximumAddresses: Int = 100_000) {
        self.maximumFailures = max(1, maximumFailures)
        self.windowSeconds = max(1, windowSeconds)
        self.maximumAddresses = max(1, maximumAddresses)
    }

    /// Records `count` failures of `address` at `now`; true when the address has reached
    /// ``maximumFailures`` within the window (its history is then cleared: the ban takes over).
    public mutating func record(_ address: String, count: Int = 1, now: Double) -> Bool {
        guard count > 0 else { return false }
        if failures[address] == nil, failures.count >= maximumAddresses { evict(now: now) }
        var times = failures[address, default: []].filter { now - $0 < windowSeconds }
        times += Array(repeating: now, count: min(count, maximumFailures))
        if times.count >= maximumFailures {
            failures.removeValue(forKey: address)
            return true
        }
        failures[address] = times
        return false
    }

    /// Failures of `address` within the window at `now`.
    public func count(of address: String, now: Double) -> Int {
        failures[address]?.count { now - $0 < windowSeconds } ?? 0
    }

    /// Forgets `address`'s failures (its ban was lifted).
    public mutating func forget(_ address: String) {
        failures.removeValue(forKey: address)
    }

    private mutating func evict(now: Double) {
        failures = failures.filter { $0.value.contains { now - $0 < windowSeconds } }
        guard failures.count >= maximumAddresses else { return }
        let stalest = failures.sorted { ($0.value.last ?? 0) < ($1.value.last ?? 0) }.prefix(max(1, failures.count / 2))
        for (address, _) in stalest { failures.removeValue(forKey: address) }
    }
}
