/// An IPv4 or IPv6 address as its network-order octets (4 or 16 of them).
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address family.
    public enum Family: Sendable, Hashable {
        case ipv4
        case ipv6
    }

    /// The octets in network order: 4 for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// Creates an address from 4 (IPv4) or 16 (IPv6) octets; nil for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Creates an address from octets whose count is known to be 4 or 16.
    init(validatedBytes: [UInt8]) {
        self.bytes = validatedBytes
    }

    /// Parses dotted-quad IPv4 ("192.0.2.1") or IPv6 text (RFC 4291 §2.2, "2001:db8::1",
    /// "::ffff:192.0.2.1"); nil if the text is neither.
    public init?(_ text: String) {
        let parsed = text.contains(":") ? Self.parseIPv6(Substring(text)) : Self.parseIPv4(Substring(text))
        guard let parsed else { return nil }
        self.bytes = parsed
    }

    /// Whether this is an IPv4 or an IPv6 address.
    public var family: Family { bytes.count == 4 ? .ipv4 : .ipv6 }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), if it is one.
    public var embeddedIPv4: IPAddress? {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF
        else { return nil }
        return IPAddress(bytes: Array(bytes[12...]))
    }

    /// Dotted quad for IPv4; for IPv6 the canonical form of RFC 5952 §4 (lower case, the
    /// longest run of two or more zero groups shortened to "::"), mapped IPv4 as ::ffff:a.b.c.d.
    public var description: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        if let mapped = embeddedIPv4 { return "::ffff:" + mapped.description }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        let zeroRun = Self.longestZeroRun(groups)
        func text(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard let zeroRun else { return text(0..<8) }
        return text(0..<zeroRun.lowerBound) + "::" + text(zeroRun.upperBound..<8)
    }

    /// The first longest run of at least two zero groups (RFC 5952 §4.2.2, §4.2.3).
    private static func longestZeroRun(_ groups: [UInt16]) -> Range<Int>? {
        var best: Range<Int>?
        var start: Int?
        for index in 0...groups.count {
            if index < groups.count, groups[index] == 0 {
                if start == nil { start = index }
                continue
            }
            if let runStart = start, index - runStart >= 2, index - runStart > (best?.count ?? 0) {
                best = runStart..<index
            }
            start = nil
        }
        return best
    }

    /// Four decimal parts of at most three digits, no leading zeros (which some parsers read as octal).
    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ ("0"..."9").contains($0) }),
                  part.count == 1 || part.first != "0", let value = UInt8(part)
            else { return nil }
            result.append(value)
        }
        return result
    }

    /// Hex groups with at most one "::", optionally ending in a dotted quad.
    private static func parseIPv6(_ text: Substring) -> [UInt8]? {
        let gaps = text.ranges(of: "::")
        guard gaps.count <= 1 else { return nil }
        guard let gap = gaps.first else {
            guard let groups = parseGroups(text, allowsIPv4Tail: true), groups.count == 16 else { return nil }
            return groups
        }
        guard let head = parseGroups(text[..<gap.lowerBound], allowsIPv4Tail: false),
              let tail = parseGroups(text[gap.upperBound...], allowsIPv4Tail: true),
              head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// Parses colon-separated hex groups (an empty text is no groups) into octets.
    private static func parseGroups(_ text: Substring, allowsIPv4Tail: Bool) -> [UInt8]? {
        if text.isEmpty { return [] }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        guard groups.count <= 8 else { return nil }
        var result: [UInt8] = []
        for (index, group) in groups.enumerated() {
            if index == groups.count - 1, allowsIPv4Tail, group.contains(".") {
                guard let ipv4 = parseIPv4(group) else { return nil }
                result += ipv4
                continue
            }
            guard (1...4).contains(group.count), group.allSatisfy(\.isHexDigit), let value = UInt16(group, radix: 16)
            else { return nil }
            result += [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        return result
    }
}
