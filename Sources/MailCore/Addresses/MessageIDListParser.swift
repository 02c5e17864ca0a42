/// Parses Message-ID, In-Reply-To and References fields (RFC 5322 §3.6.4) leniently:
/// identifiers in angle brackets anywhere in the value (phrases and comments between them
/// are ignored, as §4.5.4 allows), and bare `left@right` words when a value has no brackets.
public enum MessageIDListParser {
    /// The most identifiers kept from one field.
    public static let maximumIdentifiers = 10_000

    /// The identifiers without their angle brackets, in order.
    public static func parse(_ value: String) -> [String] {
        parse(Array(value.utf8)[...])
    }

    static func parse(_ bytes: ArraySlice<UInt8>, maximumIdentifiers: Int = Self.maximumIdentifiers) -> [String] {
        var identifiers = [String]()
        var scanner = StructuredFieldScanner(bytes)
        var sawBracket = false
        while let byte = scanner.current, identifiers.count < maximumIdentifiers {
            switch byte {
            case ASCII.openParenthesis:
                _ = scanner.readComment()
            case ASCII.quote:
                _ = scanner.readQuotedString()
            case ASCII.lessThan:
                sawBracket = true
                scanner.advance()
                let start = scanner.index
                while let inner = scanner.current, inner != ASCII.greaterThan, inner != ASCII.lessThan { scanner.advance() }
                var content = scanner.bytes[start..<scanner.index]
                if content.contains(where: ASCII.isWhitespaceOrLineBreak) {
                    content = ArraySlice(content.filter { !ASCII.isWhitespaceOrLineBreak($0) })
                }
                if scanner.current == ASCII.greaterThan { scanner.advance() }
                if !content.isEmpty { identifiers.append(CharsetDecoder.lenientString(content).text) }
            default:
                scanner.advance()
            }
        }
        if sawBracket { return identifiers }
        // No brackets at all: take the words that look like `left@right`.
        for word in bytes.split(whereSeparator: { ASCII.isWhitespaceOrLineBreak($0) || $0 == ASCII.comma }) {
            if word.contains(ASCII.at), identifiers.count < maximumIdentifiers {
                identifiers.append(CharsetDecoder.lenientString(word).text)
            }
        }
        return identifiers
    }
}
