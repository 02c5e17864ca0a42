import MailCore

/// A message as DKIM and ARC read it: the header fields as their exact bytes (folding kept)
/// and the body, over one CRLF-normalized copy of the message.
///
/// A message with bare LF line ends is read as if every LF were CRLF, the form it had on
/// the wire (RFC 6376 §5.3 signs and verifies the network form).
struct RawMessage: Sendable {
    /// The whole message with CRLF line ends.
    let bytes: [UInt8]
    /// The header fields from top to bottom.
    let fields: [RawHeaderField]
    /// Where the body starts in ``bytes`` (after the empty line), or `bytes.count`.
    let bodyStart: Int

    /// The body: everything after the empty line that ends the header.
    var body: ArraySlice<UInt8> { bytes[bodyStart...] }

    init(_ message: [UInt8]) {
        let bytes = LineEndings.normalizedToCRLF(message)
        var fields = [RawHeaderField]()
        var position = 0
        var currentField: Range<Int>?
        var bodyStart = bytes.count
        while position < bytes.count {
            let lineEnd = Self.lineEnd(in: bytes, from: position)
            let nextLine = min(lineEnd + 2, bytes.count)
            if lineEnd == position {
                // The empty line that separates the header from the body.
                bodyStart = nextLine
                break
            }
            if bytes[position] == RawMessage.space || bytes[position] == RawMessage.tab, let field = currentField {
                currentField = field.lowerBound..<lineEnd
            } else {
                if let field = currentField, let parsed = RawHeaderField(bytes: bytes, range: field) { fields.append(parsed) }
                currentField = position..<lineEnd
            }
            position = nextLine
        }
        if let field = currentField, let parsed = RawHeaderField(bytes: bytes, range: field) { fields.append(parsed) }
        self.bytes = bytes
        self.fields = fields
        self.bodyStart = bodyStart
    }

    /// The bytes of a field: its name, colon and value with folding, without the final CRLF.
    func bytes(of field: RawHeaderField) -> ArraySlice<UInt8> { bytes[field.range] }

    /// The index of the CR of the next CRLF at or after `start`, or the end of the bytes.
    private static func lineEnd(in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == carriageReturn && bytes[index + 1] == lineFeed { return index }
            index += 1
        }
        return bytes.count
    }

    static let carriageReturn: UInt8 = 13
    static let lineFeed: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9
    static let colon: UInt8 = 58
}

/// One header field of a ``RawMessage``: where its bytes are and its name.
struct RawHeaderField: Sendable, Hashable {
    /// The field name in lower case (RFC 5322 names compare without case).
    let lowercasedName: String
    /// The field's bytes in the message, from the name to the end of the value, without the
    /// final CRLF.
    let range: Range<Int>
    /// Where the value starts (just after the colon).
    let valueStart: Int

    /// Reads the name of the field at `range`; nil when the line has no colon (not a field).
    init?(bytes: [UInt8], range: Range<Int>) {
        guard !range.isEmpty, bytes[range.lowerBound] != RawMessage.space, bytes[range.lowerBound] != RawMessage.tab,
              let colon = bytes[range].firstIndex(of: RawMessage.colon) else { return nil }
        var nameEnd = colon
        while nameEnd > range.lowerBound, bytes[nameEnd - 1] == RawMessage.space || bytes[nameEnd - 1] == RawMessage.tab {
            nameEnd -= 1
        }
        guard nameEnd > range.lowerBound else { return nil }
        lowercasedName = String(decoding: bytes[range.lowerBound..<nameEnd], as: UTF8.self).lowercased()
        self.range = range
        valueStart = colon + 1
    }
}
