/// The result code of a response: the 4-bit RCODE of the header (RFC 1035 §4.1.1), extended
/// to 12 bits by the EDNS(0) OPT record (RFC 6891 §6.1.3).
public struct DNSResponseCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// NOERROR: the query succeeded (possibly with no records of the asked type).
    public static let noError = DNSResponseCode(rawValue: 0)
    /// FORMERR: the server could not interpret the query.
    public static let formatError = DNSResponseCode(rawValue: 1)
    /// SERVFAIL: the server could not answer, for example because an upstream failed.
    public static let serverFailure = DNSResponseCode(rawValue: 2)
    /// NXDOMAIN: the name does not exist.
    public static let nameError = DNSResponseCode(rawValue: 3)
    /// NOTIMP: the server does not support this kind of query.
    public static let notImplemented = DNSResponseCode(rawValue: 4)
    /// REFUSED: the server refuses to answer, for policy reasons.
    public static let refused = DNSResponseCode(rawValue: 5)
    /// BADVERS: the server does not support the EDNS version asked for (RFC 6891 §9).
    public static let badVersion = DNSResponseCode(rawValue: 16)

    /// The conventional mnemonic ("SERVFAIL"), or "RCODE" and the number.
    public var description: String {
        switch self {
        case .noError: "NOERROR"
        case .formatError: "FORMERR"
        case .serverFailure: "SERVFAIL"
        case .nameError: "NXDOMAIN"
        case .notImplemented: "NOTIMP"
        case .refused: "REFUSED"
        case .badVersion: "BADVERS"
        default: "RCODE\(rawValue)"
        }
    }
}
