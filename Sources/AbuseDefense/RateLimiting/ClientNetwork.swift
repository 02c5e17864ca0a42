import DNSResolver

/// The network a client address belongs to for per-network limits: its /24 for IPv4 and its
/// /64 for IPv6 (one site's allocation, so an attacker cannot dodge a per-address limit by
/// hopping addresses within it). An IPv4-mapped IPv6 address counts as its IPv4 address.
public enum ClientNetwork {
    /// "192.0.2.0/24", "2001:db8:1:2::/64"; the text itself when it is not an IP address.
    public static func key(of address: String) -> String {
        guard let parsed = IPAddress(address) else { return address }
        let ip = parsed.embeddedIPv4 ?? parsed
        let prefixLength = ip.family == .ipv4 ? 24 : 64
        var bytes = ip.bytes
        for index in (prefixLength / 8)..<bytes.count { bytes[index] = 0 }
        guard let network = IPAddress(bytes: bytes) else { return address }
        return "\(network)/\(prefixLength)"
    }
}
