import MailStore

/// How greylisting decides (RFC 6647): the first attempt of a triplet is deferred; a retry
/// after ``delay`` and before ``window`` has passed since the first attempt is accepted, and
/// so are later messages of the same triplet. A client network whose retries passed
/// ``whitelistAfter`` times skips greylisting (auto-whitelisting, as RFC 6647 describes). Records not
/// seen for ``lifetime`` are forgotten. Durations are in milliseconds.
public struct GreylistPolicy: Sendable, Hashable {
    /// The least time between the first attempt and a retry that passes.
    public var delay: Int64
    /// How long after the first attempt a retry still passes; later, it starts over.
    public var window: Int64
    /// How long an unseen record is kept.
    public var lifetime: Int64
    /// Passed retries after which a client network is whitelisted; 0 never whitelists.
    public var whitelistAfter: Int
    /// How often a whitelisted network's last-seen time is written (not at every message).
    public var refreshInterval: Int64

    /// A policy; the defaults are 5 minutes, 1 day, 35 days, 1 passed retry, 1 hour.
    public init(delay: Int64 = 300_000, window: Int64 = 86_400_000, lifetime: Int64 = 35 * 86_400_000,
                whitelistAfter: Int = 1, refreshInterval: Int64 = 3_600_000) {
        self.delay = delay
        self.window = window
        self.lifetime = lifetime
        self.whitelistAfter = whitelistAfter
        self.refreshInterval = refreshInterval
    }

    /// The decision for an attempt at `now`, given the stored records of the triplet and of
    /// the client network (nil when there are none), with the records to write.
    public func decide(triplet: GreylistRecord?, client: GreylistRecord?, now: Int64) -> GreylistDecision {
        let client = client.flatMap { isExpired($0, now: now) ? nil : $0 }
        if whitelistAfter > 0, let client, client.passed >= whitelistAfter {
            let refreshed = now - client.lastSeen >= refreshInterval
                ? GreylistRecord(firstSeen: client.firstSeen, passed: client.passed, lastSeen: now) : nil
            return GreylistDecision(verdict: .pass(.whitelistedClient), triplet: nil, client: refreshed)
        }
        if let triplet, !isExpired(triplet, now: now) {
            if triplet.passed > 0 {
                let seen = GreylistRecord(firstSeen: triplet.firstSeen, passed: triplet.passed + 1, lastSeen: now)
                return GreylistDecision(verdict: .pass(.knownTriplet), triplet: seen, client: nil)
            }
            let elapsed = now - triplet.firstSeen
            if elapsed < delay {
                let seen = GreylistRecord(firstSeen: triplet.firstSeen, passed: 0, lastSeen: now)
                return GreylistDecision(verdict: .deferred(retryAfterSeconds: Self.seconds(delay - elapsed)),
                                        triplet: seen, client: nil)
            }
            if elapsed <= window {
                let passed = GreylistRecord(firstSeen: triplet.firstSeen, passed: 1, lastSeen: now)
                let network = GreylistRecord(firstSeen: client?.firstSeen ?? now, passed: (client?.passed ?? 0) + 1, lastSeen: now)
                return GreylistDecision(verdict: .pass(.retriedInWindow), triplet: passed, client: network)
            }
        }
        // Never seen, forgotten, or retried too late: the attempt starts a new delay.
        return GreylistDecision(verdict: .deferred(retryAfterSeconds: Self.seconds(delay)),
                                triplet: GreylistRecord(firstSeen: now, passed: 0, lastSeen: now), client: nil)
    }

    private func isExpired(_ record: GreylistRecord, now: Int64) -> Bool {
        now - record.lastSeen > lifetime
    }

    /// Milliseconds as whole seconds, rounded up, at least 1.
    private static func seconds(_ milliseconds: Int64) -> Int {
        Int(max(1, (milliseconds + 999) / 1000))
    }
}
