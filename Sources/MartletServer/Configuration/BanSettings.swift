import DNSResolver

/// The `[bans]` table: a client address (an IPv6 client: its /64) with `max_failures`
/// failed logins or protocol abuses (a session closed for too many bad commands, talking
/// before the greeting) within `window_seconds` is refused every connection, on every
/// protocol, for `ban_seconds`. Bans are kept in the store (they survive a restart) and
/// listed and lifted with `martlet ban list|remove`.
public struct BanSettings: Sendable, Equatable {
    /// Whether failures lead to bans.
    public var enabled = true
    /// Failures within the window that ban an address.
    public var maximumFailures = 10
    /// The window failures are counted in, in seconds.
    public var windowSeconds = 600
    /// How long a ban lasts, in seconds.
    public var banSeconds = 3600
    /// Clients never banned (loopback by default: local webmail and scripts).
    public var allowNetworks: [IPNetwork] = IPNetwork.loopback

    /// The keys the `[bans]` table accepts.
    static let configurationKeys: Set<String> = ["enabled", "max_failures", "window_seconds", "ban_seconds", "allow_networks"]

    public init() {}
}
