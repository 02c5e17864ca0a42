/// Validation of address literals (RFC 5321 §4.1.3): `[IPv4]`, `[IPv6:address]` or a
/// general literal `[tag:content]`.
enum AddressLiteral {
    /// Whether `text`, brackets included, is a well-formed address literal.
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count > 2, bytes.count <= 255, bytes.first == UInt8(ascii: "["),
            bytes.last == UInt8(ascii: "]")
        else { return false }
        let inner = bytes[1..<(bytes.count - 1)]
        if isIPv4(inner) { return true }
        guard let colon = inner.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let tag = inner[inner.startIndex..<colon]
        let content = inner[(colon + 1)...]
        if String(decoding: tag, as: UTF8.self).lowercased() == "ipv6" { return isIPv6(content) }
        // General-address-literal: Standardized-tag ":" 1*dcontent.
        guard !tag.isEmpty, tag.allSatisfy(isLetterDigitOrHyphen), tag.last != UInt8(ascii: "-"),
            !content.isEmpty, content.allSatisfy({ (33...90).contains($0) || (94...126).contains($0) })
        else { return false }
        return true
    }

    /// `Snum 3("." Snum)` with each Snum in 0...255.
    static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy(isDigit) else { return false }
            return part.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } <= 255
        }
    }

    /// An IPv6 address in any RFC 5321 §4.1.3 form: full, compressed with one `::`, and
    /// either with an IPv4 address in its last 32 bits.
    static func isIPv6(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard (2...45).contains(bytes.count) else { return false }
        let colon = UInt8(ascii: ":")
        var compression: Int?
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == colon, bytes[index + 1] == colon {
                guard compression == nil else { return false }
                compression = index
                index += 2
            } else {
                index += 1
            }
        }
        guard let compression else {
            guard let units = sixteenBitUnits(bytes, mayEndWithIPv4: true) else { return false }
            return units == 8
        }
        let before = bytes[bytes.startIndex..<compression]
        let after = bytes[(compression + 2)...]
        guard let unitsBefore = sixteenBitUnits(before, mayEndWithIPv4: false),
            let unitsAfter = sixteenBitUnits(after, mayEndWithIPv4: true)
        else { return false }
        return unitsBefore + unitsAfter < 8
    }

    /// The number of 16-bit units in colon-separated groups (an IPv4 tail counts two), or `nil`
    /// if a group is malformed. An empty slice has none.
    private static func sixteenBitUnits(_ bytes: ArraySlice<UInt8>, mayEndWithIPv4: Bool) -> Int? {
        guard !bytes.isEmpty else { return 0 }
        let groups = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var units = 0
        for (position, group) in groups.enumerated() {
            if mayEndWithIPv4, position == groups.count - 1, group.contains(UInt8(ascii: ".")) {
                guard isIPv4(group) else { return nil }
                units += 2
            } else {
                guard (1...4).contains(group.count), group.allSatisfy(isHexDigit) else { return nil }
                units += 1
            }
        }
        return units
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    static func isLetterDigitOrHyphen(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "-")
    }
}
