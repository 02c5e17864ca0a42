import DNSResolver

/// The name a block list is asked about for a client address (RFC 5782 §2.1, §2.4).
public enum BlockListQuery {
    /// The client's address written backwards under the zone: the four octets of an IPv4
    /// address in decimal (192.0.2.99 in `zen.example` → `99.2.0.192.zen.example`, §2.1), the
    /// 32 nibbles of an IPv6 address in hex (§2.4). An IPv4-mapped IPv6 address (a client on
    /// a dual-stack socket) is looked up as the IPv4 address it carries.
    public static func name(for address: IPAddress, in zone: DNSName) throws(DNSNameError) -> DNSName {
        try (address.embeddedIPv4 ?? address).reverseName(in: zone)
    }
}
