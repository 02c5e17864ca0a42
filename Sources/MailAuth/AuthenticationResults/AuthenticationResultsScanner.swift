/// Reads the lexical pieces of an Authentication-Results value (RFC 8601 §2.2): CFWS with
/// nested comments, tokens, quoted strings. Line breaks count as whitespace, so it reads
/// folded values as they are. Every step moves forward, so it ends on any input.
struct AuthenticationResultsScanner {
    let bytes: ArraySlice<UInt8>
    private(set) var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    /// Skips whitespace, line breaks and comments; returns the text of the first comment.
    @discardableResult
    mutating func skipWhitespaceAndComments() -> String? {
        var firstComment: String? = nil
        while let byte = current {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                index += 1
            } else if byte == UInt8(ascii: "(") {
                let comment = readComment()
                if firstComment == nil { firstComment = comment }
            } else {
                break
            }
        }
        return firstComment
    }

    /// Consumes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// A `token` (RFC 2045 §5.1; UTF-8 octets allowed too), or nil when none starts here.
    mutating func readToken() -> String? {
        let start = index
        while let byte = current, AuthenticationResultsSyntax.isTokenByte(byte) || byte >= 0x80 { index += 1 }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    /// A `value`: a quoted string (unquoted) or a token.
    mutating func readValue() -> String? {
        current == UInt8(ascii: "\"") ? readQuotedString() : readToken()
    }

    /// A property value, read leniently: quoted strings and any octets other than
    /// whitespace, `;` and parentheses, so `user@example.org` and a bare `b=` prefix
    /// with `/` or `=` in it are read whole.
    mutating func readPropertyValue() -> String? {
        var output = [UInt8]()
        var sawAny = false
        while let byte = current {
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: (readQuotedString() ?? "").utf8)
                sawAny = true
            } else if byte > 0x20 && byte != 0x7F && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "(") && byte != UInt8(ascii: ")") {
                output.append(byte)
                index += 1
                sawAny = true
            } else {
                break
            }
        }
        return sawAny ? String(decoding: output, as: UTF8.self) : nil
    }

    /// Moves to the next `;` that is outside comments and quoted strings (or to the end).
    mutating func skipToSemicolon() {
        while let byte = current {
            switch byte {
            case UInt8(ascii: ";"):
                return
            case UInt8(ascii: "("): _ = readComment()
            case UInt8(ascii: "\""): _ = readQuotedString()
            default: index += 1
            }
        }
    }

    /// A quoted string starting at `"`, without its quotes and escapes; an unclosed one
    /// runs to the end.
    mutating func readQuotedString() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        var output = [UInt8]()
        while let byte = current {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                if let escaped = current {
                    output.append(escaped)
                    index += 1
                }
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                break
            default:
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A comment starting at `(`, nested comments included, without the outer parentheses
    /// and without escapes; an unclosed one runs to the end.
    private mutating func readComment() -> String {
        index += 1
        var output = [UInt8]()
        var depth = 1
        while let byte = current {
            index += 1
            switch byte {
            case UInt8(ascii: "\\"):
                if let escaped = current {
                    output.append(escaped)
                    index += 1
                }
                continue
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return String(decoding: output, as: UTF8.self) }
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                continue
            default:
                break
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
