/// The prefix lengths of an `a` or `mx` mechanism (RFC 7208 §5.6): one for IPv4 clients, one
/// for IPv6 clients; full length (an exact match) when not written.
public struct SPFDualCIDRLength: Sendable, Hashable {
    /// Prefix length for IPv4 clients, 0...32.
    public var ipv4: Int
    /// Prefix length for IPv6 clients, 0...128.
    public var ipv6: Int

    /// Exact matches for both families.
    public static let exact = SPFDualCIDRLength(ipv4: 32, ipv6: 128)

    /// Lengths for each family; the caller keeps them within 0...32 and 0...128.
    public init(ipv4: Int = 32, ipv6: Int = 128) {
        self.ipv4 = ipv4
        self.ipv6 = ipv6
    }

    /// The suffix as written: "/24", "//64", "/24//64", or "" for exact matches.
    var suffix: String {
        (ipv4 == 32 ? "" : "/\(ipv4)") + (ipv6 == 128 ? "" : "//\(ipv6)")
    }

    /// Splits an optional dual-cidr-length from the end of `text` (§5.6):
    /// `[ "/" ip4-cidr-length ] [ "//" ip6-cidr-length ]`. Returns the text before it.
    /// A trailing "/" followed by anything but digits is left in the text.
    static func split(_ text: ArraySlice<UInt8>) throws(SPFRecordParseError) -> (ArraySlice<UInt8>, SPFDualCIDRLength) {
        var rest = text
        var lengths = SPFDualCIDRLength.exact
        if let (before, digits) = trailingLength(rest), before.last == UInt8(ascii: "/") {
            lengths.ipv6 = try prefixLength(digits, maximum: 128)
            rest = before.dropLast()
        }
        if let (before, digits) = trailingLength(rest) {
            lengths.ipv4 = try prefixLength(digits, maximum: 32)
            rest = before
        }
        return (rest, lengths)
    }

    /// A prefix length written after a "/": decimal, no leading zero, at most `maximum` (§5.6).
    static func prefixLength(_ digits: ArraySlice<UInt8>, maximum: Int) throws(SPFRecordParseError) -> Int {
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ (0x30...0x39).contains($0) }),
              digits.count == 1 || digits.first != UInt8(ascii: "0")
        else { throw .invalidPrefixLength(String(decoding: digits, as: UTF8.self)) }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard value <= maximum else { throw .invalidPrefixLength(String(decoding: digits, as: UTF8.self)) }
        return value
    }

    /// The text before a final "/" and the digits after it, when what follows the last "/"
    /// is a non-empty run of digits.
    private static func trailingLength(_ text: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        guard let slash = text.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let digits = text[(slash + 1)...]
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return (text[..<slash], digits)
    }
}
