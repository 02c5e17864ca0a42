import DNSResolver

/// What a ban covers: an IPv4 address, or the /64 an IPv6 address belongs to (one site's
/// allocation: banning a single IPv6 address would let the client move to the next one).
public enum BanKey {
    /// "192.0.2.7" for IPv4 (and IPv4-mapped IPv6), "2001:db8:1:2::/64" for IPv6; the text
    /// itself when it is not an IP address.
    public static func of(_ address: String) -> String {
        guard let parsed = IPAddress(address) else { return address }
        if let ipv4 = parsed.embeddedIPv4 { return ipv4.description }
        return parsed.family == .ipv4 ? parsed.description : ClientNetwork.key(of: address)
    }

    /// The key an administrator's text names: an address (its key, as above) or a network
    /// as `martlet ban list` shows it ("2001:db8:1:2::/64"); nil when it is neither.
    public static func named(_ text: String) -> String? {
        if IPAddress(text) != nil { return of(text) }
        guard let network = IPNetwork(text), network.address.family == .ipv6, network.prefixLength == 64 else { return nil }
        return ClientNetwork.key(of: network.address.description)
    }
}
