/// Reads the tokens of one complete command in its wire form — literals included as
/// `{n}` CRLF followed by their `n` octets — and throws a `GrammarError` at the first
/// byte that does not fit (RFC 9051 §4, §9).
struct GrammarReader {
    private let bytes: [UInt8]
    /// The index of the next unread byte.
    private(set) var position: Int

    init(_ bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position >= bytes.count }

    /// The next byte, not consumed.
    var next: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Moves back to an earlier position (for a short look-ahead).
    mutating func rewind(to earlier: Int) { position = earlier }

    // MARK: Single characters

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        position += 1
        return true
    }

    /// Consumes `byte` or throws, naming what was expected.
    mutating func expect(_ byte: UInt8, _ description: String) throws(GrammarError) {
        guard consume(byte) else { throw unexpected(description) }
    }

    /// Consumes one space.
    mutating func expectSpace() throws(GrammarError) {
        try expect(IMAPCharacters.space, "a space")
    }

    /// Throws unless every byte has been read.
    mutating func expectEnd() throws(GrammarError) {
        guard isAtEnd else { throw unexpected("the end of the command") }
    }

    /// The error for an unexpected byte (or the end) where `description` was expected.
    func unexpected(_ description: String) -> GrammarError {
        guard let byte = next else { return GrammarError("expected \(description) at the end of the command") }
        let shown = byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
        return GrammarError("expected \(description) at octet \(position + 1), found \(shown)")
    }

    // MARK: Atoms and keywords

    /// Reads one or more bytes for which `member` holds.
    mutating func readRun(_ description: String, while member: (UInt8) -> Bool) throws(GrammarError) -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count, member(bytes[position]) { position += 1 }
        guard position > start else { throw unexpected(description) }
        return bytes[start..<position]
    }

    /// Reads an `atom`.
    mutating func readAtom() throws(GrammarError) -> String {
        String(decoding: try readRun("an atom", while: IMAPCharacters.isAtomCharacter), as: UTF8.self)
    }

    /// Reads a keyword — an atom that stops before `[`, `<` and `.`-free delimiters used by
    /// FETCH (`BODY[`, `BINARY.PEEK[`) — and returns it upper-cased.
    mutating func readKeyword() throws(GrammarError) -> String {
        let run = try readRun("a keyword") { byte in
            IMAPCharacters.isAtomCharacter(byte) && byte != IMAPCharacters.openBracket && byte != IMAPCharacters.lessThan
        }
        return String(unsafeUninitializedCapacity: run.count) { buffer in
            for (offset, byte) in run.enumerated() { buffer[offset] = IMAPCharacters.uppercased(byte) }
            return run.count
        }
    }

    /// Consumes `word` (upper-case ASCII) if it comes next, in any case, followed by a byte
    /// that cannot continue an atom.
    mutating func consumeKeyword(_ word: String) -> Bool {
        let start = position
        for expected in word.utf8 {
            guard position < bytes.count, IMAPCharacters.uppercased(bytes[position]) == expected else {
                position = start
                return false
            }
            position += 1
        }
        if let following = next, IMAPCharacters.isAtomCharacter(following) {
            position = start
            return false
        }
        return true
    }

    // MARK: Numbers

    /// Reads `number` (RFC 9051: up to 2^32-1) or, with `maximum`, a larger bound such as
    /// `number64` (2^63-1).
    mutating func readNumber(maximum: UInt64 = UInt64(UInt32.max)) throws(GrammarError) -> UInt64 {
        let digits = try readRun("a number", while: IMAPCharacters.isDigit)
        var value: UInt64 = 0
        for digit in digits {
            let (multiplied, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (added, overflowB) = multiplied.addingReportingOverflow(UInt64(digit - 0x30))
            guard !overflowA, !overflowB, added <= maximum else { throw GrammarError("number too large") }
            value = added
        }
        return value
    }

    /// Reads `nz-number`: 1 to 2^32-1.
    mutating func readNonZeroNumber() throws(GrammarError) -> UInt32 {
        let value = try readNumber()
        guard value > 0 else { throw GrammarError("expected a number greater than zero") }
        return UInt32(value)
    }

    /// Reads `number64`: 0 to 2^63-1.
    mutating func readNumber64() throws(GrammarError) -> UInt64 {
        try readNumber(maximum: UInt64(Int64.max))
    }

    // MARK: Strings

    /// Reads `quoted`: `"` then characters, `\"` and `\\` escaped, then `"`. UTF-8 is
    /// accepted inside (RFC 9051 `quoted-char`); CR, LF and NUL are not.
    mutating func readQuoted() throws(GrammarError) -> [UInt8] {
        try expect(IMAPCharacters.quote, "a quoted string")
        var result = [UInt8]()
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case IMAPCharacters.quote:
                return result
            case IMAPCharacters.backslash:
                guard let escaped = next, escaped == IMAPCharacters.quote || escaped == IMAPCharacters.backslash else {
                    throw GrammarError("a quoted string may only escape '\"' and '\\'")
                }
                result.append(escaped)
                position += 1
            case 0, IMAPCharacters.carriageReturn, IMAPCharacters.lineFeed:
                throw GrammarError("a quoted string may not contain CR, LF or NUL")
            default:
                result.append(byte)
            }
        }
        throw GrammarError("unterminated quoted string")
    }

    /// Whether a literal (`{`, or `~{` for literal8) starts here.
    var isAtLiteral: Bool {
        next == IMAPCharacters.openBrace
            || (next == IMAPCharacters.tilde && position + 1 < bytes.count && bytes[position + 1] == IMAPCharacters.openBrace)
    }

    /// Whether the unread bytes are exactly one announcement: `~{n}`, `{n}` or `{n+}`.
    var remainderIsLiteralAnnouncement: Bool {
        var index = position
        if index < bytes.count, bytes[index] == IMAPCharacters.tilde { index += 1 }
        guard index < bytes.count, bytes[index] == IMAPCharacters.openBrace else { return false }
        index += 1
        let digitsStart = index
        while index < bytes.count, IMAPCharacters.isDigit(bytes[index]) { index += 1 }
        guard index > digitsStart else { return false }
        if index < bytes.count, bytes[index] == IMAPCharacters.plus { index += 1 }
        return index == bytes.count - 1 && bytes[index] == IMAPCharacters.closeBrace
    }

    /// Reads the announcement `{n}`, `{n+}` (RFC 7888) or `~{n}` (`literal8`, RFC 3516, only
    /// when `allowBinary`) and the line break after it, and returns the announced size.
    mutating func readLiteralAnnouncement(allowBinary: Bool) throws(GrammarError) -> (size: Int, isBinary: Bool) {
        var isBinary = false
        if consume(IMAPCharacters.tilde) {
            guard allowBinary else { throw GrammarError("literal8 is allowed only for APPEND data") }
            isBinary = true
        }
        try expect(IMAPCharacters.openBrace, "a literal")
        let size = try readNumber64()
        _ = consume(IMAPCharacters.plus)
        try expect(IMAPCharacters.closeBrace, "'}'")
        _ = consume(IMAPCharacters.carriageReturn)
        guard consume(IMAPCharacters.lineFeed) else { throw GrammarError.incomplete }
        guard size <= UInt64(Int.max) else { throw GrammarError("literal too large") }
        return (Int(size), isBinary)
    }

    /// Reads a literal and returns its octets. A `literal` may not hold NUL (RFC 9051 `CHAR8`);
    /// a `literal8` may.
    mutating func readLiteral(allowBinary: Bool = false) throws(GrammarError) -> ArraySlice<UInt8> {
        let (size, isBinary) = try readLiteralAnnouncement(allowBinary: allowBinary)
        guard size <= bytes.count - position else { throw GrammarError.incomplete }
        let content = bytes[position..<(position + size)]
        if !isBinary, content.contains(0) { throw GrammarError("a literal may not contain NUL; use literal8") }
        position += size
        return content
    }

    /// Reads `string`: quoted or literal.
    mutating func readString() throws(GrammarError) -> [UInt8] {
        if next == IMAPCharacters.quote { return try readQuoted() }
        if isAtLiteral { return Array(try readLiteral()) }
        throw unexpected("a string")
    }

    /// Reads `astring`: an atom (with `]`) or a string.
    mutating func readAString() throws(GrammarError) -> [UInt8] {
        if next == IMAPCharacters.quote || isAtLiteral { return try readString() }
        return Array(try readRun("an atom or string", while: IMAPCharacters.isAStringCharacter))
    }

    /// Reads `nstring`: `NIL` or a string.
    mutating func readNString() throws(GrammarError) -> [UInt8]? {
        if consumeKeyword("NIL") { return nil }
        return try readString()
    }

    /// Reads an astring as UTF-8 text.
    mutating func readAStringText(_ description: String) throws(GrammarError) -> String {
        try Self.text(try readAString(), description)
    }

    /// Text from bytes that must be UTF-8.
    static func text(_ bytes: [UInt8], _ description: String) throws(GrammarError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw GrammarError("\(description) is not valid UTF-8")
        }
        return text
    }

    // MARK: Lists

    /// Reads `( item *(SP item) )`; with `allowEmpty`, `()` too.
    mutating func readList<Element>(allowEmpty: Bool = false,
                                    _ item: (inout GrammarReader) throws(GrammarError) -> Element) throws(GrammarError) -> [Element] {
        try expect(IMAPCharacters.openParenthesis, "'('")
        var result = [Element]()
        if consume(IMAPCharacters.closeParenthesis) {
            guard allowEmpty else { throw GrammarError("empty list") }
            return result
        }
        repeat {
            result.append(try item(&self))
        } while consume(IMAPCharacters.space)
        try expect(IMAPCharacters.closeParenthesis, "')'")
        return result
    }
}
