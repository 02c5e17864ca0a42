/// Reads the lexical tokens of structured header fields (RFC 5322 §3.2, RFC 2045 §5.1):
/// whitespace, comments, tokens and quoted strings. Line breaks count as whitespace,
/// so it works on raw (folded) values too. Never reads out of bounds.
struct StructuredFieldScanner {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    mutating func advance() { if index < bytes.endIndex { index += 1 } }

    /// Skips whitespace, line breaks and (nested) comments.
    /// Returns the content of the last comment skipped, if any.
    @discardableResult
    mutating func skipWhitespaceAndComments() -> ArraySlice<UInt8>? {
        var lastComment: ArraySlice<UInt8>? = nil
        while index < bytes.endIndex {
            let byte = bytes[index]
            if ASCII.isWhitespaceOrLineBreak(byte) {
                index += 1
            } else if byte == ASCII.openParenthesis {
                lastComment = readComment()
            } else {
                break
            }
        }
        return lastComment
    }

    /// Reads a comment starting at "(" and returns its content without the outer parentheses.
    /// An unclosed comment runs to the end.
    mutating func readComment() -> ArraySlice<UInt8> {
        index += 1
        let start = index
        var depth = 1
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ASCII.backslash {
                index += 2
                continue
            }
            if byte == ASCII.openParenthesis { depth += 1 }
            if byte == ASCII.closeParenthesis {
                depth -= 1
                if depth == 0 {
                    let content = bytes[start..<index]
                    index += 1
                    return content
                }
            }
            index += 1
        }
        index = bytes.endIndex
        return bytes[start..<bytes.endIndex]
    }

    /// Reads an RFC 2045 token (also used for RFC 5322 atoms in MIME fields).
    mutating func readToken() -> ArraySlice<UInt8>? {
        let start = index
        while index < bytes.endIndex && ASCII.isTokenCharacter(bytes[index]) { index += 1 }
        return index > start ? bytes[start..<index] : nil
    }

    /// Reads a quoted string starting at `"` as `readQuotedString` does, giving its content as a
    /// stretch of the field when it has no escapes or line breaks (the common case).
    mutating func readQuotedContent() -> (content: ScannedText, closed: Bool) {
        let start = index
        var position = index + 1
        while position < bytes.endIndex {
            let byte = bytes[position]
            if byte == ASCII.quote {
                index = position + 1
                return (.field((start + 1)..<position), true)
            }
            if byte == ASCII.backslash || byte == ASCII.carriageReturn || byte == ASCII.lineFeed {
                let quoted = readQuotedString()
                return (.made(quoted.content), quoted.closed)
            }
            position += 1
        }
        index = bytes.endIndex
        return (.field((start + 1)..<bytes.endIndex), false)
    }

    /// Reads a quoted string starting at `"`, removing the quotes and backslash escapes
    /// and dropping line breaks (folding). `closed` is false when it ran to the end.
    mutating func readQuotedString() -> (content: [UInt8], closed: Bool) {
        index += 1
        var content = [UInt8]()
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ASCII.quote {
                index += 1
                return (content, true)
            }
            if byte == ASCII.backslash && index + 1 < bytes.endIndex {
                content.append(bytes[index + 1])
                index += 2
                continue
            }
            if byte != ASCII.carriageReturn && byte != ASCII.lineFeed { content.append(byte) }
            index += 1
        }
        return (content, false)
    }
}

/// Text read from a field: a stretch of the field's bytes, or bytes made from them
/// (escapes removed, whitespace collapsed).
enum ScannedText {
    case field(Range<Int>)
    case made([UInt8])

    /// The bytes, given the field the range refers to.
    func bytes(_ field: ArraySlice<UInt8>) -> [UInt8] {
        switch self {
        case .field(let range): Array(field[range])
        case .made(let bytes): bytes
        }
    }

    /// The text (UTF-8 if valid, else Windows-1252), given the field the range refers to.
    func text(_ field: ArraySlice<UInt8>) -> String {
        switch self {
        case .field(let range): CharsetDecoder.lenientString(field[range]).text
        case .made(let bytes): CharsetDecoder.lenientString(bytes[...]).text
        }
    }
}
