import DNSResolver

/// One server that accepts mail for a destination: an MX host (or the domain itself, as the
/// implicit MX) and its addresses, in the order they are tried.
public struct DeliveryHost: Sendable, Hashable, CustomStringConvertible {
    /// The host name, as the MX record gives it (or the address literal).
    public var name: String
    /// Its addresses: IPv4 first, then IPv6.
    public var addresses: [IPAddress]

    public init(name: String, addresses: [IPAddress]) {
        self.name = name
        self.addresses = addresses
    }

    public var description: String { name }
}
