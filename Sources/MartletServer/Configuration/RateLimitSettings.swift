import AbuseDefense
import DNSResolver

/// The `[rate_limits]` table: how fast one client address, its network (/24 or /64), one
/// authenticated user, and all clients together may connect, send and try passwords.
/// Each rate is written "N/minute", "N/hour", "N/Ss" (N per S seconds) or "off". Clients
/// in `exempt_networks` (loopback by default) are not rate-limited at all.
public struct RateLimitSettings: Sendable, Equatable {
    /// One kind of event limited per address, per network, per user and in all.
    public struct Scoped: Sendable, Equatable {
        public var perAddress: RateLimit?
        public var perNetwork: RateLimit?
        /// Per authenticated user (messages and recipients on submission).
        public var perUser: RateLimit?
        public var global: RateLimit?

        public init(perAddress: RateLimit? = nil, perNetwork: RateLimit? = nil, perUser: RateLimit? = nil,
                    global: RateLimit? = nil) {
            self.perAddress = perAddress
            self.perNetwork = perNetwork
            self.perUser = perUser
            self.global = global
        }
    }

    /// Simultaneous connections from one /24 or /64 (per address: `[limits] max_connections_per_address`).
    public var connectionsPerNetwork = 200
    /// New connections (every listener).
    public var newConnections = Scoped(perAddress: RateLimit(parsing: "120/minute"), perNetwork: RateLimit(parsing: "600/minute"),
                                       global: RateLimit(parsing: "30000/minute"))
    /// Messages (MAIL FROM) per client and per authenticated user.
    public var messages = Scoped(perAddress: RateLimit(parsing: "1000/hour"), perNetwork: RateLimit(parsing: "3000/hour"),
                                 perUser: RateLimit(parsing: "1000/hour"), global: RateLimit(parsing: "200000/hour"))
    /// Recipients (accepted RCPT TO).
    public var recipients = Scoped(perAddress: RateLimit(parsing: "5000/hour"), perNetwork: RateLimit(parsing: "15000/hour"),
                                   perUser: RateLimit(parsing: "3000/hour"), global: RateLimit(parsing: "1000000/hour"))
    /// Password attempts (SMTP AUTH, IMAP LOGIN/AUTHENTICATE, POP3 USER/PASS, APOP, AUTH).
    public var authenticationAttempts = Scoped(perAddress: RateLimit(parsing: "30/minute"),
                                               perNetwork: RateLimit(parsing: "90/minute"),
                                               global: RateLimit(parsing: "3000/minute"))
    /// Clients no rate limit applies to.
    public var exemptNetworks: [IPNetwork] = IPNetwork.loopback

    /// The keys the `[rate_limits]` table accepts, each rate by its kind and scope
    /// (`messages_per_address`, `auth_attempts`, ...).
    static let configurationKeys: Set<String> = Set(scopedFields.flatMap { field in
        field.scopes.map { field.kind + $0.suffix }
    } + ["connections_per_network", "exempt_networks"])

    /// The scoped rates and their configuration names.
    static let scopedFields: [(kind: String, keyPath: WritableKeyPath<RateLimitSettings, Scoped> & Sendable,
                               scopes: [(suffix: String, keyPath: WritableKeyPath<Scoped, RateLimit?> & Sendable)])] = [
        ("new_connections", \.newConnections, [("_per_address", \.perAddress), ("_per_network", \.perNetwork), ("", \.global)]),
        ("messages", \.messages, [("_per_address", \.perAddress), ("_per_network", \.perNetwork), ("_per_user", \.perUser),
                                  ("", \.global)]),
        ("recipients", \.recipients, [("_per_address", \.perAddress), ("_per_network", \.perNetwork),
                                      ("_per_user", \.perUser), ("", \.global)]),
        ("auth_attempts", \.authenticationAttempts, [("_per_address", \.perAddress), ("_per_network", \.perNetwork),
                                                     ("", \.global)]),
    ]

    public init() {}
}
