/// The data of an MX record (RFC 1035 §3.3.9).
public struct MailExchanger: Sendable, Hashable {
    /// Lower values are tried first (RFC 5321 §5.1).
    public var preference: UInt16
    /// The host that accepts mail for the domain.
    public var exchange: DNSName

    public init(preference: UInt16, exchange: DNSName) {
        self.preference = preference
        self.exchange = exchange
    }

    /// Whether this is a "null MX" (preference 0, exchange "."): the domain accepts no mail
    /// (RFC 7505 §3).
    public var isNullMX: Bool { preference == 0 && exchange.isRoot }
}
