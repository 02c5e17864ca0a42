/// Finds the line on which each key of a TOML document is written.
///
/// TOMLKit keeps no source positions, so errors about a key (unknown, wrong type, bad
/// value) locate it by scanning the text: tracking `[table]` and `[[array]]` headers,
/// dotted and quoted keys, and skipping values that span lines (multi-line strings and
/// arrays). The scanner assumes the text already parsed as TOML.
struct TOMLKeyLocator {
    private var lines: [[String]: Int] = [:]

    /// Indexes `text`.
    init(text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.run { path, line in
            // Record the first place a key (or, for dotted keys, any table it implies) appears.
            for length in 1...max(1, path.count) where lines[Array(path.prefix(length))] == nil {
                lines[Array(path.prefix(length))] = line
            }
        }
    }

    /// The line of `path`, or of its nearest enclosing key that was written out (a key
    /// inside an inline table is reported on the line of the table's key).
    func line(of path: [String]) -> Int? {
        var candidate = path
        while !candidate.isEmpty {
            if let line = lines[candidate] { return line }
            candidate.removeLast()
        }
        return nil
    }

    /// A byte-level scanner over the document.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var table: [String] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func peek(_ offset: Int) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        mutating func advance() {
            if current == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }

        mutating func skipBlanks() {
            while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { advance() }
        }

        mutating func skipToEndOfLine() {
            while let byte = current, byte != UInt8(ascii: "\n") { advance() }
        }

        /// Calls `record` with the full path and line of every key and table header.
        mutating func run(_ record: ([String], Int) -> Void) {
            while current != nil {
                skipBlanks()
                guard let byte = current else { break }
                switch byte {
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    advance()
                case UInt8(ascii: "#"):
                    skipToEndOfLine()
                case UInt8(ascii: "["):
                    let headerLine = line
                    advance()
                    if current == UInt8(ascii: "[") { advance() }
                    table = readKeyPath(until: UInt8(ascii: "]"))
                    record(table, headerLine)
                    skipToEndOfLine()
                default:
                    let keyLine = line
                    let key = readKeyPath(until: UInt8(ascii: "="))
                    if current == UInt8(ascii: "=") { advance() }
                    if !key.isEmpty { record(table + key, keyLine) }
                    skipValue()
                }
            }
        }

        /// Reads `a.b."c.d".'e'` up to `terminator` (not consumed).
        mutating func readKeyPath(until terminator: UInt8) -> [String] {
            var parts: [String] = []
            var part: [UInt8] = []
            while let byte = current, byte != terminator, byte != UInt8(ascii: "\n") {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    part += readQuotedKey(quote: byte)
                case UInt8(ascii: "."):
                    parts.append(String(decoding: part, as: UTF8.self))
                    part = []
                    advance()
                case UInt8(ascii: " "), UInt8(ascii: "\t"):
                    advance()
                default:
                    part.append(byte)
                    advance()
                }
            }
            parts.append(String(decoding: part, as: UTF8.self))
            return parts.allSatisfy(\.isEmpty) ? [] : parts
        }

        /// Reads a quoted key, decoding the common escapes of basic strings.
        mutating func readQuotedKey(quote: UInt8) -> [UInt8] {
            var value: [UInt8] = []
            advance()
            while let byte = current, byte != quote, byte != UInt8(ascii: "\n") {
                if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\"), let next = peek(1) {
                    advance()
                    switch next {
                    case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
                    default: value.append(next)
                    }
                } else {
                    value.append(byte)
                }
                advance()
            }
            if current == quote { advance() }
            return value
        }

        /// Skips a value, across lines while strings or brackets are open, and the rest of
        /// its line.
        mutating func skipValue() {
            var depth = 0
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    skipString(quote: byte)
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    advance()
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                    advance()
                case UInt8(ascii: "#"):
                    skipToEndOfLine()
                case UInt8(ascii: "\n"):
                    advance()
                    if depth == 0 { return }
                default:
                    advance()
                }
            }
        }

        /// Skips a basic or literal string, single- or multi-line.
        mutating func skipString(quote: UInt8) {
            let multiline = peek(1) == quote && peek(2) == quote
            let basic = quote == UInt8(ascii: "\"")
            for _ in 0..<(multiline ? 3 : 1) { advance() }
            while let byte = current {
                if basic && byte == UInt8(ascii: "\\") {
                    advance()
                    advance()
                    continue
                }
                if !multiline && byte == UInt8(ascii: "\n") { return }
                if byte == quote && (!multiline || (peek(1) == quote && peek(2) == quote)) {
                    for _ in 0..<(multiline ? 3 : 1) { advance() }
                    // A multi-line string may end with up to two extra quotes ("""a"""").
                    while multiline && current == quote { advance() }
                    return
                }
                advance()
            }
        }
    }
}
