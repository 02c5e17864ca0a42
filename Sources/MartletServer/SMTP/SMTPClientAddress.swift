import DNSResolver

/// The client address that port-25 defenses (block lists, greylisting) apply to.
enum SMTPClientAddress {
    /// The client's address, unless it is in `trustedNetworks` (its own relays, or this
    /// machine) or not an IP address; an IPv4-mapped address is checked as IPv4.
    static func untrusted(_ remoteIP: String, trustedNetworks: [IPNetwork]) -> IPAddress? {
        guard let parsed = IPAddress(remoteIP) else { return nil }
        return trustedNetworks.containsAddress(parsed) ? nil : parsed.embeddedIPv4 ?? parsed
    }
}
