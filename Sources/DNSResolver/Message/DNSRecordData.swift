/// The typed RDATA of a resource record; types this module does not interpret keep their octets.
public enum DNSRecordData: Sendable, Hashable {
    /// A: an IPv4 address.
    case ipv4Address(IPAddress)
    /// AAAA: an IPv6 address.
    case ipv6Address(IPAddress)
    /// NS: a name server of the zone.
    case nameServer(DNSName)
    /// CNAME: the canonical name this owner is an alias for.
    case canonicalName(DNSName)
    /// PTR: the name an address (or other reverse name) points to.
    case pointer(DNSName)
    /// MX: a mail exchanger.
    case mailExchanger(MailExchanger)
    /// TXT: character-strings.
    case text(TextRecord)
    /// SOA: the zone's start of authority.
    case startOfAuthority(StartOfAuthority)
    /// TLSA: a DANE certificate association.
    case tlsa(TLSARecord)
    /// Any other type, with its RDATA as received (RFC 3597 §2: unknown types are opaque).
    case unknown(type: DNSRecordType, data: [UInt8])

    /// The record type this data belongs to.
    public var type: DNSRecordType {
        switch self {
        case .ipv4Address: .a
        case .ipv6Address: .aaaa
        case .nameServer: .ns
        case .canonicalName: .cname
        case .pointer: .ptr
        case .mailExchanger: .mx
        case .text: .txt
        case .startOfAuthority: .soa
        case .tlsa: .tlsa
        case .unknown(let type, _): type
        }
    }
}
