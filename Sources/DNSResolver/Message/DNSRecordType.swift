/// A resource record type (RFC 1035 §3.2.2 and later registrations), kept as its number so
/// that types this module does not know still round-trip.
public struct DNSRecordType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// An IPv4 host address (RFC 1035 §3.4.1).
    public static let a = DNSRecordType(rawValue: 1)
    /// An authoritative name server (RFC 1035 §3.3.11).
    public static let ns = DNSRecordType(rawValue: 2)
    /// The canonical name for an alias (RFC 1035 §3.3.1).
    public static let cname = DNSRecordType(rawValue: 5)
    /// The start of a zone of authority (RFC 1035 §3.3.13).
    public static let soa = DNSRecordType(rawValue: 6)
    /// A domain name pointer, used for reverse lookups (RFC 1035 §3.3.12).
    public static let ptr = DNSRecordType(rawValue: 12)
    /// A mail exchanger (RFC 1035 §3.3.9).
    public static let mx = DNSRecordType(rawValue: 15)
    /// Text strings (RFC 1035 §3.3.14).
    public static let txt = DNSRecordType(rawValue: 16)
    /// An IPv6 host address (RFC 3596 §2.1).
    public static let aaaa = DNSRecordType(rawValue: 28)
    /// The EDNS(0) pseudo-record (RFC 6891 §6.1.1).
    public static let opt = DNSRecordType(rawValue: 41)
    /// A TLS certificate association for DANE (RFC 6698 §2).
    public static let tlsa = DNSRecordType(rawValue: 52)

    /// The mnemonic ("MX"), or "TYPE" and the number for other types (RFC 3597 §5).
    public var description: String {
        switch self {
        case .a: "A"
        case .ns: "NS"
        case .cname: "CNAME"
        case .soa: "SOA"
        case .ptr: "PTR"
        case .mx: "MX"
        case .txt: "TXT"
        case .aaaa: "AAAA"
        case .opt: "OPT"
        case .tlsa: "TLSA"
        default: "TYPE\(rawValue)"
        }
    }
}

/// The class of a question or record; only the Internet class is used by this resolver.
public enum DNSClass {
    /// IN, the Internet (RFC 1035 §3.2.4).
    public static let internet: UInt16 = 1
}
