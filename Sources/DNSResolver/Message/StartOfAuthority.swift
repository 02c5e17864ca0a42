/// The data of an SOA record (RFC 1035 §3.3.13). Resolvers use it for the time a negative
/// answer may be cached (RFC 2308 §5).
public struct StartOfAuthority: Sendable, Hashable {
    /// The primary name server of the zone (MNAME).
    public var primaryNameServer: DNSName
    /// The mailbox of the person responsible, with the first dot standing for "@" (RNAME).
    public var responsibleMailbox: DNSName
    public var serial: UInt32
    public var refresh: UInt32
    public var retry: UInt32
    public var expire: UInt32
    /// The TTL of negative answers from this zone (RFC 2308 §4).
    public var minimum: UInt32

    public init(primaryNameServer: DNSName, responsibleMailbox: DNSName, serial: UInt32,
                refresh: UInt32, retry: UInt32, expire: UInt32, minimum: UInt32) {
        self.primaryNameServer = primaryNameServer
        self.responsibleMailbox = responsibleMailbox
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
    }
}
