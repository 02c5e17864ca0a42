/// Parses the `*(";" parameter)` tail of Content-Type and Content-Disposition
/// (RFC 2045 §5.1) leniently, then joins RFC 2231 continuations.
enum MIMEParameterParser {
    struct RawParameter {
        var name: String
        var value: [UInt8]
    }

    /// Parses parameters from the scanner's position to the end.
    static func parse(_ scanner: inout StructuredFieldScanner, defects: inout DefectLog) -> MIMEParameters {
        let start = scanner
        if let parameters = parseWithoutContinuations(&scanner, defects: &defects) { return parameters }
        // An RFC 2231 name (`name*`, `name*0`...): read again and join. The defects recorded
        // so far are recorded again in the same order, which the log ignores.
        scanner = start
        var raw = [RawParameter]()
        while let (name, value) = next(&scanner, defects: &defects) {
            raw.append(RawParameter(name: name, value: value.bytes(scanner.bytes)))
        }
        return RFC2231.join(raw, defects: &defects)
    }

    /// The parameters when no name has an RFC 2231 `*`, as `RFC2231.join` would give them
    /// (the first of repeated names kept); nil as soon as a name has one.
    private static func parseWithoutContinuations(_ scanner: inout StructuredFieldScanner,
                                                  defects: inout DefectLog) -> MIMEParameters? {
        var list = [MIMEParameter]()
        var duplicates = [String]()
        while let (name, value) = next(&scanner, defects: &defects) {
            if name.utf8.contains(ASCII.asterisk) { return nil }
            if list.contains(where: { $0.name == name }) {
                duplicates.append(name)
            } else {
                list.append(MIMEParameter(name: name, value: value.text(scanner.bytes)))
            }
        }
        // `RFC2231.join` reports repeated names after all parameters are read.
        for name in duplicates { defects.record(.duplicateParameter(DefectText.excerpt(name))) }
        return MIMEParameters(list)
    }

    /// Reads the next `name=value` (the name lower-cased); nil at the end.
    private static func next(_ scanner: inout StructuredFieldScanner, defects: inout DefectLog) -> (String, ScannedText)? {
        while true {
            scanner.skipWhitespaceAndComments()
            guard let byte = scanner.current else { return nil }
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
            if scanner.current == ASCII.quote {
                let quoted = scanner.readQuotedContent()
                if !quoted.closed { defects.record(.malformedParameter(DefectText.excerpt(name))) }
                skipToSemicolon(&scanner)
                return (name, quoted.content)
            }
            return (name, readUnquotedValue(&scanner))
        }
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
    private static func readUnquotedValue(_ scanner: inout StructuredFieldScanner) -> ScannedText {
        let start = scanner.index
        var end = start          // the value is `start..<end` of the field until a space is kept
        var made: [UInt8]? = nil
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
                if made == nil { made = Array(scanner.bytes[start..<end]) }
                made?.append(ASCII.space)
                pendingSpace = false
            }
            if made != nil {
                made?.append(byte)
            } else {
                end = scanner.index + 1
            }
            scanner.advance()
        }
        return made.map(ScannedText.made) ?? .field(start..<end)
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
