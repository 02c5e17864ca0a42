/// The header field canonicalizations of RFC 6376 §3.4.1 and §3.4.2.
enum DKIMHeaderCanonicalizer {
    /// Appends the canonical form of `field` (name, colon, value, without the final CRLF).
    static func append(_ field: ArraySlice<UInt8>, _ algorithm: DKIMCanonicalization, to output: inout [UInt8]) {
        switch algorithm {
        case .simple: output.append(contentsOf: field)
        case .relaxed: appendRelaxed(field, to: &output)
        }
    }

    /// §3.4.2: the name in lower case with no whitespace before the colon; the value unfolded,
    /// each run of whitespace made one space, none at its start or end.
    private static func appendRelaxed(_ field: ArraySlice<UInt8>, to output: inout [UInt8]) {
        guard let colon = field.firstIndex(of: RawMessage.colon) else {
            output.append(contentsOf: field)
            return
        }
        var nameEnd = colon
        while nameEnd > field.startIndex, isWhitespace(field[nameEnd - 1]) { nameEnd -= 1 }
        for byte in field[field.startIndex..<nameEnd] {
            output.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        output.append(RawMessage.colon)
        var pendingSpace = false
        var started = false
        var index = colon + 1
        while index < field.endIndex {
            let byte = field[index]
            if byte == RawMessage.carriageReturn, index + 1 < field.endIndex, field[index + 1] == RawMessage.lineFeed {
                // Unfolding: a CRLF inside a field is always followed by whitespace.
                index += 2
                pendingSpace = pendingSpace || started
                continue
            }
            if isWhitespace(byte) {
                pendingSpace = started
            } else {
                if pendingSpace { output.append(RawMessage.space) }
                pendingSpace = false
                started = true
                output.append(byte)
            }
            index += 1
        }
    }

    @inline(__always) private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == RawMessage.space || byte == RawMessage.tab
    }
}
