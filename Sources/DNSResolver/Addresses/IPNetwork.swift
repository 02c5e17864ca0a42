/// An address block: a network address and a prefix length ("192.0.2.0/24", "2001:db8::/32").
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    /// A block from its address and prefix length; nil when the length does not fit the family.
    public init?(address: IPAddress, prefixLength: Int) {
        guard prefixLength >= 0, prefixLength <= address.bytes.count * 8 else { return nil }
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Parses "address/length", or a bare address as a block of one.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])) else { return nil }
        let length: Int
        if parts.count == 2 {
            guard parts[1].allSatisfy(\.isASCII), let parsed = Int(parts[1]) else { return nil }
            length = parsed
        } else {
            length = address.bytes.count * 8
        }
        self.init(address: address, prefixLength: length)
    }

    /// Whether `candidate` is in the block: its first ``prefixLength`` bits equal the network's,
    /// in the same family.
    public func contains(_ candidate: IPAddress) -> Bool {
        guard candidate.family == address.family else { return false }
        var remaining = prefixLength
        for (candidateByte, networkByte) in zip(candidate.bytes, address.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if candidateByte & mask != networkByte & mask { return false }
            remaining -= 8
        }
        return true
    }

    public var description: String { "\(address)/\(prefixLength)" }

    /// The loopback blocks, 127.0.0.0/8 and ::1/128.
    public static let loopback: [IPNetwork] = [IPNetwork("127.0.0.0/8"), IPNetwork("::1/128")].compactMap { $0 }
}

extension Sequence<IPNetwork> {
    /// Whether `address` is in one of the blocks; an IPv4-mapped IPv6 address is checked as
    /// the IPv4 address it carries.
    public func containsAddress(_ address: IPAddress) -> Bool {
        let candidate = address.embeddedIPv4 ?? address
        return contains { $0.contains(candidate) }
    }

    /// Whether `text` is an IP address in one of the blocks.
    public func containsAddress(_ text: String) -> Bool {
        IPAddress(text).map(containsAddress) ?? false
    }
}
