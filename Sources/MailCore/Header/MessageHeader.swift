/// The header fields of a message or MIME part, located in the message's bytes,
/// with case-insensitive lookup and value decoding.
public struct MessageHeader: Sendable {
    /// The bytes the field ranges refer to (usually the whole message).
    public let bytes: [UInt8]
    /// The header block, including the empty line that ends it.
    public let range: Range<Int>
    /// The fields in order.
    public let fields: [HeaderField]

    init(bytes: [UInt8], range: Range<Int>, fields: [HeaderField]) {
        self.bytes = bytes
        self.range = range
        self.fields = fields
    }

    /// Parses the header block that starts at `range.lowerBound` (the whole of `bytes` by
    /// default), e.g. the header of one MIME part for IMAP `HEADER.FIELDS`.
    public init(parsing bytes: [UInt8], in range: Range<Int>? = nil,
                maximumFields: Int = MessageParserLimits().maximumHeaderFields) {
        let bounds = range ?? 0..<bytes.count
        let lower = Swift.min(Swift.max(bounds.lowerBound, 0), bytes.count)
        let upper = Swift.min(Swift.max(bounds.upperBound, lower), bytes.count)
        var defects = DefectLog(limit: 1)
        let scan = HeaderParser(maximumFields: maximumFields)
            .scan(bytes, from: lower, to: upper, boundaries: BoundaryMatcher(), defects: &defects)
        self.init(bytes: bytes, range: scan.range, fields: scan.fields)
    }

    /// The name of a field as written.
    public func name(of field: HeaderField) -> String {
        String(decoding: bytes[field.nameRange], as: UTF8.self)
    }

    /// Whether the field has this name, ignoring ASCII case.
    public func field(_ field: HeaderField, isNamed name: String) -> Bool {
        let wanted = name.utf8
        guard field.nameRange.count == wanted.count else { return false }
        return zip(bytes[field.nameRange], wanted).allSatisfy { ASCII.lowercased($0) == ASCII.lowercased($1) }
    }

    /// The fields with this name, in order.
    public func fields(named name: String) -> [HeaderField] {
        fields.filter { field($0, isNamed: name) }
    }

    /// The first field with this name.
    public func firstField(named name: String) -> HeaderField? {
        fields.first { field($0, isNamed: name) }
    }

    /// The unfolded value of the first field with this name.
    public subscript(name: String) -> String? {
        firstField(named: name).map(unfoldedValue(of:))
    }

    /// The raw value bytes, folding included.
    public func rawValue(of field: HeaderField) -> ArraySlice<UInt8> {
        bytes[field.valueRange]
    }

    /// The value unfolded (§2.2.3: line breaks removed) and trimmed; UTF-8 if valid,
    /// else Windows-1252.
    public func unfoldedValue(of field: HeaderField) -> String {
        HeaderText.unfoldedString(bytes[field.valueRange])
    }

    /// The value unfolded with RFC 2047 encoded words decoded (for unstructured fields).
    public func decodedValue(of field: HeaderField) -> String {
        var defects = DefectLog(limit: 1)
        return EncodedWordDecoder.decode(HeaderText.unfolded(bytes[field.valueRange])[...], defects: &defects)
    }
}

/// Turning raw header values into text.
enum HeaderText {
    /// The value without line breaks (unfolded, RFC 5322 §2.2.3) and without surrounding whitespace.
    static func unfolded(_ value: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let trimmed = value.trimmingWhitespace()
        guard trimmed.withUnsafeBufferPointer(ASCII.containsLineBreakOrNul) else { return trimmed }
        var output = [UInt8]()
        output.reserveCapacity(trimmed.count)
        for byte in trimmed where byte != ASCII.carriageReturn && byte != ASCII.lineFeed {
            // A NUL cannot travel in IMAP strings: it becomes a space.
            output.append(byte == ASCII.nul ? ASCII.space : byte)
        }
        return output[...]
    }

    /// The unfolded value as text: UTF-8 if valid (RFC 6532), else Windows-1252.
    static func unfoldedString(_ value: ArraySlice<UInt8>) -> String {
        CharsetDecoder.lenientString(unfolded(value)).text
    }
}
