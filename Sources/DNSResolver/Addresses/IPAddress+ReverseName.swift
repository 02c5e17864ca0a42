extension IPAddress {
    /// The zone under which reverse (PTR) names of IPv4 addresses live (RFC 1035 §3.5).
    public static let ipv4ReverseZone = DNSName(validatedLabels: [Array("in-addr".utf8), Array("arpa".utf8)])
    /// The zone under which reverse (PTR) names of IPv6 addresses live (RFC 3596 §2.5).
    public static let ipv6ReverseZone = DNSName(validatedLabels: [Array("ip6".utf8), Array("arpa".utf8)])

    /// The address written backwards as labels: the four octets in decimal for IPv4
    /// ("1.2.0.192"), the 32 nibbles in hex for IPv6 ("1.0.0.0.…"), as PTR and DNSBL names use.
    public var reversedLabels: [[UInt8]] {
        switch family {
        case .ipv4:
            return bytes.reversed().map { Array(String($0).utf8) }
        case .ipv6:
            return bytes.reversed().flatMap { byte in
                [Array(String(byte & 0x0F, radix: 16).utf8), Array(String(byte >> 4, radix: 16).utf8)]
            }
        }
    }

    /// The name to query for this address: the reversed labels under `zone`, or under
    /// in-addr.arpa / ip6.arpa when no zone is given. A DNSBL zone makes a blocklist query name.
    public func reverseName(in zone: DNSName? = nil) throws(DNSNameError) -> DNSName {
        let suffix = zone ?? (family == .ipv4 ? Self.ipv4ReverseZone : Self.ipv6ReverseZone)
        return try DNSName(labels: reversedLabels + suffix.labels)
    }
}
