/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text parts: each input line becomes one or
/// more output lines of at most 76 characters, joined by soft line breaks ("=").
enum QuotedPrintable {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The encoded lines of one text line (without its CRLF).
    static func encode(line: String) -> [String] {
        let bytes = Array(line.utf8)
        var lines: [String] = []
        var current: [UInt8] = []
        for (offset, byte) in bytes.enumerated() {
            let isLast = offset == bytes.count - 1
            var token: [UInt8]
            if (33...126).contains(byte), byte != UInt8(ascii: "=") {
                token = [byte]
            } else if (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")), !isLast {
                token = [byte]
            } else {
                token = [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
            // Leave room for the soft break "=" unless this is the line's last token.
            let limit = isLast ? 76 : 75
            if current.count + token.count > limit {
                current.append(UInt8(ascii: "="))
                lines.append(String(decoding: current, as: UTF8.self))
                current = []
            }
            current.append(contentsOf: token)
        }
        lines.append(String(decoding: current, as: UTF8.self))
        return lines
    }
}
