/// Parses the `*(";" parameter)` tail of Content-Type and Content-Disposition
/// (RFC 2045 §5.1) leniently, then joins RFC 2231 continuations.
enum MIMEParameterParser {
    struct RawParameter {
        var name: String
        var value: [UInt8]
    }

    /// Parses parameters from the scanner's position to the end.
    static func parse(_ scanner: inout StructuredFieldScanner, defects: inout DefectLog) -> MIMEParameters {
        var raw = [RawParameter]()
        while true {
            scanner.skipWhitespaceAndComments()
            guard let byte = scanner.current else { break }
            if byte == ASCII.semicolon {
                scanner.advance()
                continue
            }
            guard let nameBytes = scanner.readToken() else {
                // A stray special character: skip it.
                scanner.advance()
                continue
            }
            let name = lowercasedASCIIString(nameBytes)
            scanner.skipWhitespaceAndComments()
            guard scanner.current == ASCII.equals else {
                defects.record(.malformedParameter(DefectText.excerpt(name)))
                skipToSemicolon(&scanner)
                continue
            }
            scanner.advance()
            scanner.skipWhitespaceAndComments()
            let value: [UInt8]
            if scanner.current == ASCII.quote {
                let quoted = scanner.readQuotedString()
                if !quoted.closed { defects.record(.malformedParameter(DefectText.excerpt(name))) }
                value = quoted.content
                skipToSemicolon(&scanner)
            } else {
                value = readUnquotedValue(&scanner)
            }
            raw.append(RawParameter(name: name, value: value))
        }
        return RFC2231.join(raw, defects: &defects)
    }

    private static func skipToSemicolon(_ scanner: inout StructuredFieldScanner) {
        while let byte = scanner.current, byte != ASCII.semicolon {
            if byte == ASCII.quote { _ = scanner.readQuotedString(); continue }
            scanner.advance()
        }
    }

    /// An unquoted value: a token by the RFC, but real mail puts "=", "/", "?", spaces and
    /// 8-bit bytes in it. It runs to the next ";", stopping early at whitespace followed by
    /// a comment or by another `name=` (a missing semicolon). Whitespace runs become one space.
    private static func readUnquotedValue(_ scanner: inout StructuredFieldScanner) -> [UInt8] {
        var value = [UInt8]()
        var pendingSpace = false
        while let byte = scanner.current, byte != ASCII.semicolon {
            if ASCII.isWhitespaceOrLineBreak(byte) {
                var lookahead = scanner
                while let next = lookahead.current, ASCII.isWhitespaceOrLineBreak(next) { lookahead.advance() }
                guard let next = lookahead.current, next != ASCII.semicolon, next != ASCII.openParenthesis else {
                    scanner = lookahead
                    break
                }
                var probe = lookahead
                if probe.readToken() != nil, probe.current == ASCII.equals {
                    scanner = lookahead
                    break
                }
                pendingSpace = true
                scanner = lookahead
                continue
            }
            if pendingSpace {
                value.append(ASCII.space)
                pendingSpace = false
            }
            value.append(byte)
            scanner.advance()
        }
        return value
    }
}

/// Shortens text for a defect description.
enum DefectText {
    static let maximumLength = 80

    static func excerpt(_ text: String) -> String {
        text.utf8.count <= maximumLength ? text : String(text.prefix(maximumLength)) + "..."
    }

    static func excerpt(_ bytes: ArraySlice<UInt8>) -> String {
        excerpt(CharsetDecoder.lenientString(bytes.prefix(maximumLength + 1)).text)
    }
}
