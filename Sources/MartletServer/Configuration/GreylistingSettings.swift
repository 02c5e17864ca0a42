import AbuseDefense

/// The `[greylisting]` table of the configuration file (off by default): the first attempt
/// of each (client /24 or /64, sender, recipient) triplet on port 25 gets `451 4.7.1`; a retry
/// after `delay_seconds` and within `window_seconds` of it passes (RFC 6647).
///
/// ```toml
/// [greylisting]
/// enabled = true
/// delay_seconds = 300        # at least 1
/// window_seconds = 86400     # greater than the delay
/// lifetime_days = 35         # records not seen for this long are forgotten
/// whitelist_after = 1        # a network whose retries passed this often skips greylisting; 0 never
/// ```
///
/// Authenticated clients, submission ports and `[mail_auth] trusted_networks` are never
/// greylisted.
public struct GreylistingSettings: Sendable, Equatable {
    /// The keys the `[greylisting]` table accepts.
    static let configurationKeys: Set<String> = ["enabled", "delay_seconds", "window_seconds", "lifetime_days", "whitelist_after"]

    public var isEnabled: Bool
    public var delaySeconds: Int
    public var windowSeconds: Int
    public var lifetimeDays: Int
    public var whitelistAfter: Int

    /// Settings; greylisting is off by default.
    public init(isEnabled: Bool = false, delaySeconds: Int = 300, windowSeconds: Int = 86_400, lifetimeDays: Int = 35,
                whitelistAfter: Int = 1) {
        self.isEnabled = isEnabled
        self.delaySeconds = delaySeconds
        self.windowSeconds = windowSeconds
        self.lifetimeDays = lifetimeDays
        self.whitelistAfter = whitelistAfter
    }

    /// The decision rules these settings give.
    public var policy: GreylistPolicy {
        GreylistPolicy(delay: Int64(delaySeconds) * 1000, window: Int64(windowSeconds) * 1000,
                       lifetime: Int64(lifetimeDays) * 86_400_000, whitelistAfter: whitelistAfter)
    }
}
