import AbuseDefense

/// One kind of event (new connections, messages, recipients, password attempts) limited
/// per client address, per client network, per authenticated user and in all.
struct ScopedRateLimiter: Sendable {
    private let kind: String
    private let perAddress: KeyedRateLimiter?
    private let perNetwork: KeyedRateLimiter?
    private let perUser: KeyedRateLimiter?
    private let global: KeyedRateLimiter?

    /// `kind` names the events in refusals ("messages", "new connections").
    init(kind: String, rates: RateLimitSettings.Scoped) {
        self.kind = kind
        perAddress = rates.perAddress.map { KeyedRateLimiter(limit: $0) }
        perNetwork = rates.perNetwork.map { KeyedRateLimiter(limit: $0) }
        perUser = rates.perUser.map { KeyedRateLimiter(limit: $0) }
        global = rates.global.map { KeyedRateLimiter(limit: $0, maximumKeys: 1) }
    }

    /// Counts `count` events of the client at `address` (and `user`, when authenticated) at
    /// `now`; the first limit gone over, or nil. Every scope is counted even when one refuses,
    /// so a refused client does not get a fresh allowance elsewhere.
    func take(_ count: Int = 1, address: String, user: String?, now: Double) -> RateLimitRefusal? {
        let amount = Double(count)
        var refusal: RateLimitRefusal?
        func note(_ limiter: KeyedRateLimiter?, key: String, subject: String) {
            guard let limiter, !limiter.take(key, count: amount, now: now), refusal == nil else { return }
            refusal = RateLimitRefusal(subject: "\(kind) \(subject)", limit: limiter.limit)
        }
        note(perAddress, key: address, subject: "from your address")
        note(perNetwork, key: ClientNetwork.key(of: address), subject: "from your network")
        if let user { note(perUser, key: user.lowercased(), subject: "from your account") }
        note(global, key: "", subject: "to this server")
        return refusal
    }
}
