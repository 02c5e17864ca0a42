/// How the session's state shapes what the writer produces.
public struct ResponseWriterOptions: Hashable, Sendable {
    /// The client enabled `UTF8=ACCEPT` or `IMAP4rev2` (RFC 6855, RFC 9051 §5.1): mailbox
    /// names are sent as UTF-8 rather than modified UTF-7, and quoted strings and response
    /// text may carry UTF-8.
    public var utf8Enabled: Bool

    /// Options for a client that has (or has not) enabled UTF-8.
    public init(utf8Enabled: Bool = false) {
        self.utf8Enabled = utf8Enabled
    }
}

/// Encodes server responses into bytes (RFC 9051 §7, §9): status responses with their
/// codes, untagged data, FETCH data including ENVELOPE and BODYSTRUCTURE rendered from
/// MailCore's structures, and continuation requests.
///
/// Output accumulates in ``bytes``; ``takeBytes()`` hands it over. Large literals need not
/// pass through it: ``beginStreamedFetchItem(_:size:binary:)`` writes only the `{n}` CRLF
/// announcement, after which the caller sends the content itself (from a blob), then goes on
/// writing the rest of the response here.
public struct ResponseWriter: Sendable {
    /// The options in force; the session updates them (after ENABLE).
    public var options: ResponseWriterOptions
    /// The bytes written and not yet taken.
    public internal(set) var bytes: [UInt8] = []
    /// Whether the next FETCH item needs a separating space.
    var fetchNeedsSeparator = false

    /// A writer with an empty buffer.
    public init(options: ResponseWriterOptions = ResponseWriterOptions()) {
        self.options = options
    }

    /// Returns the bytes written so far and empties the buffer.
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: bytes.capacity <= 1 << 16) }
        return bytes
    }

    /// Appends octets as they are (the content of a literal the caller announced).
    public mutating func appendRawBytes(_ octets: some Sequence<UInt8>) {
        bytes.append(contentsOf: octets)
    }

    // MARK: Primitives

    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes text known to be a valid atom or token (capability names, keywords...).
    mutating func writeToken(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func writeSpace() { bytes.append(IMAPCharacters.space) }

    mutating func writeLineEnd() {
        bytes.append(IMAPCharacters.carriageReturn)
        bytes.append(IMAPCharacters.lineFeed)
    }

    /// Writes a decimal number (negative values as 0), digits filled in place.
    mutating func writeNumber<Number: BinaryInteger>(_ value: Number) {
        var remaining = UInt64(clamping: value)
        var digitCount = 1
        var scale: UInt64 = 10
        while digitCount < 20 && remaining >= scale {
            digitCount += 1
            scale = scale &* 10
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0x30, count: digitCount))
        var index = start + digitCount - 1
        while remaining > 0 {
            bytes[index] = UInt8(truncatingIfNeeded: remaining % 10) + 0x30
            remaining /= 10
            index -= 1
        }
    }

    /// Writes a literal announcement, `{n}` CRLF or `~{n}` CRLF for a literal8; the caller
    /// then supplies exactly `size` octets.
    public mutating func writeLiteralPrefix(size: Int, binary: Bool = false) {
        if binary { bytes.append(IMAPCharacters.tilde) }
        bytes.append(IMAPCharacters.openBrace)
        writeNumber(max(size, 0))
        bytes.append(IMAPCharacters.closeBrace)
        writeLineEnd()
    }

    /// Writes a `string`: quoted when every octet may be quoted (printable ASCII, or UTF-8
    /// when enabled, at most 1024 octets), otherwise a literal. NUL, which neither may
    /// hold (RFC 9051 `CHAR8`), is sent as a space.
    mutating func writeString(_ octets: some Collection<UInt8>) {
        if canQuote(octets) {
            bytes.append(IMAPCharacters.quote)
            for byte in octets {
                if byte == IMAPCharacters.quote || byte == IMAPCharacters.backslash { bytes.append(IMAPCharacters.backslash) }
                bytes.append(byte)
            }
            bytes.append(IMAPCharacters.quote)
        } else {
            writeLiteralPrefix(size: octets.count)
            for byte in octets { bytes.append(byte == 0 ? IMAPCharacters.space : byte) }
        }
    }

    mutating func writeString(_ text: String) {
        writeString(text.utf8)
    }

    /// Writes an `nstring`: NIL or a string.
    mutating func writeNString(_ text: String?) {
        guard let text else {
            write("NIL")
            return
        }
        writeString(text.utf8)
    }

    /// Writes an `astring`: an atom when the text is one (and is not `NIL`), otherwise a string.
    mutating func writeAString(_ text: String) {
        let utf8 = text.utf8
        if !utf8.isEmpty, utf8.count <= 1024, utf8.allSatisfy({ $0 < 0x80 && IMAPCharacters.isAStringCharacter($0) }),
           !(utf8.count == 3 && text.uppercased() == "NIL") {
            bytes.append(contentsOf: utf8)
        } else {
            writeString(utf8)
        }
    }

    /// Writes a mailbox name: UTF-8 when enabled, modified UTF-7 otherwise (RFC 9051 §5.1);
    /// as an astring, or always as a string when `quoted` (LIST and LSUB, as clients expect).
    mutating func writeMailbox(_ name: String, quoted: Bool = false) {
        let encoded = options.utf8Enabled ? name : ModifiedUTF7.encode(name)
        if quoted {
            writeString(encoded.utf8)
        } else {
            writeAString(encoded)
        }
    }

    /// Writes a hierarchy delimiter: a quoted character, or NIL.
    mutating func writeDelimiter(_ delimiter: Character?) {
        guard let delimiter else {
            write("NIL")
            return
        }
        writeString(String(delimiter).utf8)
    }

    /// Writes `(` items `)` with spaces between them, or NIL when empty and `nilWhenEmpty`.
    mutating func writeList<Element>(_ items: [Element], nilWhenEmpty: Bool = false,
                                     _ item: (inout ResponseWriter, Element) -> Void) {
        if items.isEmpty && nilWhenEmpty {
            write("NIL")
            return
        }
        bytes.append(IMAPCharacters.openParenthesis)
        for (index, element) in items.enumerated() {
            if index > 0 { writeSpace() }
            item(&self, element)
        }
        bytes.append(IMAPCharacters.closeParenthesis)
    }

    /// Writes a flag list: `(\Seen $Junk)`.
    mutating func writeFlags(_ flags: [Flag]) {
        writeList(flags) { writer, flag in writer.writeToken(flag.text) }
    }

    /// Writes a sequence set: `1:3,5,7:*`, or `$`.
    mutating func writeSequenceSet(_ set: SequenceSet) {
        switch set {
        case .lastResult:
            bytes.append(IMAPCharacters.dollar)
        case .ranges(let ranges):
            for (index, range) in ranges.enumerated() {
                if index > 0 { bytes.append(IMAPCharacters.comma) }
                writeSequenceBound(range.first)
                if range.second != range.first {
                    bytes.append(IMAPCharacters.colon)
                    writeSequenceBound(range.second)
                }
            }
        }
    }

    private mutating func writeSequenceBound(_ bound: SequenceBound) {
        switch bound {
        case .number(let value): writeNumber(value)
        case .last: bytes.append(IMAPCharacters.asterisk)
        }
    }

    /// Writes response text: CR, LF and other controls become spaces; 8-bit text is kept
    /// when UTF-8 is enabled and valid, and replaced by `?` otherwise. Empty text is
    /// written as `done` (RFC 3501 requires at least one character).
    mutating func writeText(_ text: String, excluding excluded: UInt8? = nil) {
        var wrote = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || value == 0x7F || (excluded.map { UInt32($0) == value } ?? false) {
                bytes.append(IMAPCharacters.space)
            } else if value < 0x80 {
                bytes.append(UInt8(value))
            } else if options.utf8Enabled {
                bytes.append(contentsOf: String(scalar).utf8)
            } else {
                bytes.append(0x3F)
            }
            wrote = true
        }
        if !wrote { write("done") }
    }

    private func canQuote(_ octets: some Collection<UInt8>) -> Bool {
        guard octets.count <= 1024 else { return false }
        var hasEightBit = false
        for byte in octets {
            if byte == 0 || byte == IMAPCharacters.carriageReturn || byte == IMAPCharacters.lineFeed { return false }
            if byte >= 0x80 { hasEightBit = true }
        }
        guard hasEightBit else { return true }
        return options.utf8Enabled && String(validating: octets, as: UTF8.self) != nil
    }
}
