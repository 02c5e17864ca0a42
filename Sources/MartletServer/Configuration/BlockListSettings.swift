import AbuseDefense

/// The `[dnsbl]` table of the configuration file: DNS block lists asked about every client
/// of port 25 while it waits for the greeting.
///
/// ```toml
/// [dnsbl]
/// zones = ["zen.example", "bl.example"]       # empty or absent: no lookups
/// reject = true                               # false: listings only feed the spam score
/// timeout_milliseconds = 1500                 # the most the lookups of one client may take
/// return_codes = ["zen.example=127.0.0.2:spam source", "zen.example=127.0.0.4:exploited host"]
/// ```
///
/// `return_codes` entries are `zone=address:meaning`. A zone without entries lists a client
/// for any answer in 127.0.0.0/8; a zone with entries only for the addresses named (its
/// other answers are ignored). 127.255.255.252–255 never count: lists use them to refuse a
/// query. A failed or late lookup counts as not listed.
public struct BlockListSettings: Sendable, Equatable {
    /// The keys the `[dnsbl]` table accepts.
    static let configurationKeys: Set<String> = ["zones", "reject", "timeout_milliseconds", "return_codes"]

    /// The lists, in the order replies name them.
    public var zones: [BlockListZone]
    /// Whether a listed client is refused (550 5.7.1 at MAIL FROM); otherwise its listings
    /// are only handed to the spam filter.
    public var rejectsListedClients: Bool
    /// The most the lookups of one client may take, in milliseconds.
    public var timeoutMilliseconds: Int

    /// Settings; by default no lists.
    public init(zones: [BlockListZone] = [], rejectsListedClients: Bool = true, timeoutMilliseconds: Int = 1500) {
        self.zones = zones
        self.rejectsListedClients = rejectsListedClients
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// Whether any list is configured.
    public var isEnabled: Bool { !zones.isEmpty }
}
