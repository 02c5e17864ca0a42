/// Finds `http://` and `https://` addresses in text (plain text or HTML source) and takes
/// their authority apart. Bounded: at most `maximumURLs` are returned, and an authority
/// longer than `maximumAuthorityLength` octets is cut there.
struct URLScanner {
    var maximumURLs = 200
    var maximumAuthorityLength = 300

    func urls(in text: String, into found: inout [SpamURL]) {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, found.count < maximumURLs {
            guard let start = schemeEnd(bytes, at: index) else {
                index += 1
                continue
            }
            var end = start
            while end < bytes.count, end - start < maximumAuthorityLength, !Self.endsAuthority(bytes[end]) { end += 1 }
            if let url = Self.url(fromAuthority: bytes[start..<end]) { found.append(url) }
            index = end
        }
    }

    /// The index after `http://` or `https://` (any case) when one starts at `index`.
    private func schemeEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        guard bytes[index] | 0x20 == UInt8(ascii: "h") else { return nil }
        for scheme in ["http://", "https://"] {
            let pattern = Array(scheme.utf8)
            guard index + pattern.count <= bytes.count else { continue }
            if zip(bytes[index..<(index + pattern.count)], pattern).allSatisfy({ ($0 | 0x20) == $1 || $0 == $1 }) {
                return index + pattern.count
            }
        }
        return nil
    }

    private static func endsAuthority(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "'"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"): true
        default: byte <= 0x20 || byte == 0x7F
        }
    }

    private static func url(fromAuthority authority: ArraySlice<UInt8>) -> SpamURL? {
        var hostPart = authority
        var hasUserInfo = false
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
            hasUserInfo = true
            hostPart = authority[(at + 1)...]
        }
        var port: Int?
        if let colon = hostPart.lastIndex(of: UInt8(ascii: ":")), !hostPart[colon...].contains(UInt8(ascii: "]")) {
            let digits = hostPart[(colon + 1)...]
            if !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                port = Int(String(decoding: digits, as: UTF8.self))
            }
            hostPart = hostPart[..<colon]
        }
        var host = String(decoding: hostPart, as: UTF8.self).lowercased()
        while host.hasSuffix(".") { host.removeLast() }
        // Trailing punctuation of the sentence the address ends.
        while let last = host.last, ",;:!".contains(last) { host.removeLast() }
        guard !host.isEmpty, host.utf8.count <= 253 else { return nil }
        return SpamURL(host: host, hasUserInfo: hasUserInfo, port: port)
    }
}
