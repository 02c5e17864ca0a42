import AbuseDefense
import DNSResolver
import Foundation
import Logging
import MailStore
import Locking

/// The abuse defenses every listener shares: the rate limits of `[rate_limits]` and the
/// bans of `[bans]`. Its checks run on event loops and never wait: bans are held in memory
/// and written to (and re-read from) the store in the background, so `martlet ban remove`
/// and bans made by other nodes reach it within ``refreshInterval``.
final class AbuseGuard: Sendable {
    /// Why a failure is counted toward a ban.
    enum Failure: String, Sendable {
        case authentication = "authentication failures"
        case protocolAbuse = "protocol abuses"
    }

    /// How often bans are re-read from the store.
    static let refreshInterval: Duration = .seconds(5)

    private let settings: RateLimitSettings
    private let banSettings: BanSettings
    private let newConnections: ScopedRateLimiter
    private let messages: ScopedRateLimiter
    private let recipients: ScopedRateLimiter
    private let authenticationAttempts: ScopedRateLimiter
    private let store: (any BanStore)?
    private let clock: @Sendable () -> Double
    private let logger: Logger

    private struct BanState {
        var bans: [String: Ban] = [:]
        var failures: FailureTracker
    }
    private let state: Locked<BanState>

    init(rateLimits: RateLimitSettings, bans: BanSettings, store: (any BanStore)?, logger: Logger,
         clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        settings = rateLimits
        banSettings = bans
        newConnections = ScopedRateLimiter(kind: "new connections", rates: rateLimits.newConnections)
        messages = ScopedRateLimiter(kind: "messages", rates: rateLimits.messages)
        recipients = ScopedRateLimiter(kind: "recipients", rates: rateLimits.recipients)
        authenticationAttempts = ScopedRateLimiter(kind: "authentication attempts", rates: rateLimits.authenticationAttempts)
        self.store = store
        self.clock = clock
        self.logger = logger
        state = Locked(BanState(failures: FailureTracker(maximumFailures: bans.maximumFailures,
                                                        windowSeconds: Double(bans.windowSeconds))))
    }

    // MARK: - Rate limits

    /// Whether no rate limit applies to the client at `address`.
    func isExempt(_ address: String) -> Bool {
        settings.exemptNetworks.containsAddress(address)
    }

    /// A new connection from `address`: refused while the address is banned or over a
    /// new-connection rate.
    func admitConnection(from address: String) -> ConnectionLimiter.Refusal? {
        let now = clock()
        if let ban = activeBan(of: address, now: now) { return .banned(ban) }
        guard !isExempt(address) else { return nil }
        return newConnections.take(address: address, user: nil, now: now).map { .rateLimited($0) }
    }

    /// A message (MAIL FROM) from the client at `address`, authenticated as `user` if set.
    func admitMessage(from address: String, user: String?) -> RateLimitRefusal? {
        guard !isExempt(address) else { return nil }
        return messages.take(address: address, user: user, now: clock())
    }

    /// A recipient (RCPT TO) of the client at `address`.
    func admitRecipient(from address: String, user: String?) -> RateLimitRefusal? {
        guard !isExempt(address) else { return nil }
        return recipients.take(address: address, user: user, now: clock())
    }

    /// A password attempt from `address`.
    func admitAuthenticationAttempt(from address: String) -> RateLimitRefusal? {
        guard !isExempt(address) else { return nil }
        return authenticationAttempts.take(address: address, user: nil, now: clock())
    }

    // MARK: - Bans

    /// The ban in force now of `address` (or of its IPv6 /64), if any.
    func activeBan(of address: String) -> Ban? { activeBan(of: address, now: clock()) }

    private func activeBan(of client: String, now: Double) -> Ban? {
        let address = BanKey.of(client)
        return state.withLock { state in
            guard let ban = state.bans[address] else { return nil }
            guard ban.isActive(at: now) else {
                state.bans.removeValue(forKey: address)
                return nil
            }
            return ban
        }
    }

    /// Counts `count` failures of the client at `client`; at `[bans] max_failures` within
    /// the window its address (an IPv6 client: its /64) is banned, unless it is in
    /// `allow_networks`.
    func record(_ failure: Failure, count: Int = 1, of client: String) {
        guard banSettings.enabled, count > 0, !banSettings.allowNetworks.containsAddress(client) else { return }
        let address = BanKey.of(client)
        let now = clock()
        let ban: Ban? = state.withLock { state in
            guard state.bans[address] == nil, state.failures.record(address, count: count, now: now) else { return nil }
            let ban = Ban(address: address,
                          reason: "\(banSettings.maximumFailures) \(failure.rawValue) in \(banSettings.windowSeconds) seconds",
                          created: now, expires: now + Double(banSettings.banSeconds))
            state.bans[address] = ban
            return ban
        }
        guard let ban else { return }
        logger.notice("address banned", metadata: ["client": "\(address)", "reason": "\(ban.reason)",
                                                   "seconds": "\(banSettings.banSeconds)"])
        guard let store else { return }
        let logger = self.logger
        Task {
            do {
                try await store.saveBan(address: ban.address, reason: ban.reason, created: ban.created, expires: ban.expires)
            } catch {
                logger.error("the ban could not be saved", metadata: ["client": "\(address)", "error": "\(error)"])
            }
        }
    }

    /// Replaces the bans in memory with those in the store (bans lifted with `martlet ban
    /// remove` disappear, with their failure history; bans of other nodes appear), and
    /// deletes expired ones.
    func refreshBans() async {
        guard let store else { return }
        let now = clock()
        do {
            try await store.removeExpiredBans(before: now)
            let stored = try await store.activeBans(at: now)
            state.withLock { state in
                var current = Dictionary(stored.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
                for (address, ban) in state.bans where current[address] == nil {
                    // A ban made here moments ago may not have reached the store yet.
                    if now - ban.created < Self.refreshInterval.seconds * 2, ban.isActive(at: now) {
                        current[address] = ban
                    } else {
                        state.failures.forget(address)
                    }
                }
                state.bans = current
            }
        } catch {
            logger.warning("bans could not be read from the store", metadata: ["error": "\(error)"])
        }
    }

    /// Bans in memory now (for logs).
    var bannedAddresses: [String] { state.withLock { Array($0.bans.keys) } }
}

private extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
