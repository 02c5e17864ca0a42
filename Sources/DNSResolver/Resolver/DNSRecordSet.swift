/// The records that answer a lookup, after following any CNAME aliases.
public struct DNSRecordSet: Sendable, Hashable {
    /// The name that was asked for.
    public var name: DNSName
    /// Where the records were found: `name` itself, or the end of its CNAME chain.
    public var canonicalName: DNSName
    /// The records of the asked type owned by ``canonicalName`` (never empty). Their TTLs are
    /// what remains at the time of the lookup.
    public var records: [DNSResourceRecord]
    /// The CNAME records followed from `name` to ``canonicalName``, in order.
    public var aliases: [DNSResourceRecord]
    /// Whether the server set the AD bit: a validating resolver checked the DNSSEC signatures.
    /// Only meaningful when the path to that resolver is trusted (RFC 6698 §4 for DANE).
    public var authenticatedData: Bool

    public init(name: DNSName, canonicalName: DNSName, records: [DNSResourceRecord],
                aliases: [DNSResourceRecord] = [], authenticatedData: Bool = false) {
        self.name = name
        self.canonicalName = canonicalName
        self.records = records
        self.aliases = aliases
        self.authenticatedData = authenticatedData
    }

    /// The typed data of the records.
    public var data: [DNSRecordData] { records.map(\.data) }
}
