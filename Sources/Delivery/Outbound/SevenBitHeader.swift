import MailCore

/// Sets the Content-Transfer-Encoding (RFC 2045 §6.1) of one entity header, keeping every
/// other byte of the header as it is.
enum SevenBitHeader {
    static let fieldName = "Content-Transfer-Encoding"

    /// The header bytes in `range` of `message` with the transfer encoding set to `encoding`:
    /// the first Content-Transfer-Encoding field keeps its name as written and gets the new
    /// value, later ones are removed (an entity has one encoding, and readers differ on which
    /// repeated field counts); without one, the field is added before the empty line that
    /// ends the header. A header that had no empty line (no body) gets one.
    static func relabel(_ message: [UInt8], header range: Range<Int>, as encoding: String) -> [UInt8] {
        let header = MessageHeader(parsing: message, in: range, maximumFields: Int.max)
        let fields = header.fields.filter { header.field($0, isNamed: fieldName) }
        let value = Array(" \(encoding)\r\n".utf8)
        var output = [UInt8]()
        output.reserveCapacity(range.count + value.count + fieldName.utf8.count + 4)
        if let first = fields.first {
            var cursor = range.lowerBound
            for field in fields {
                output.append(contentsOf: message[cursor..<field.range.lowerBound])
                if field == first {
                    output.append(contentsOf: message[field.range.lowerBound..<field.valueRange.lowerBound])
                    output.append(contentsOf: value)
                }
                cursor = field.range.upperBound
            }
            output.append(contentsOf: message[cursor..<range.upperBound])
            return output
        }
        let newField = Array(fieldName.utf8) + [UInt8(ascii: ":")] + value
        if let blankLine = blankLineStart(message, range) {
            output.append(contentsOf: message[range.lowerBound..<blankLine])
            output.append(contentsOf: newField)
            output.append(contentsOf: message[blankLine..<range.upperBound])
        } else {
            output.append(contentsOf: message[range])
            if let last = output.last, last != SevenBitData.lineFeed { output.append(contentsOf: crlf) }
            output.append(contentsOf: newField)
            output.append(contentsOf: crlf)
        }
        return output
    }

    private static let crlf: [UInt8] = [SevenBitData.carriageReturn, SevenBitData.lineFeed]

    /// Where the empty line that ends the header in `range` starts, or nil when it has none.
    private static func blankLineStart(_ message: [UInt8], _ range: Range<Int>) -> Int? {
        let header = message[range]
        for ending in [crlf, [SevenBitData.lineFeed]] where header.reversed().starts(with: ending.reversed()) {
            let start = range.upperBound - ending.count
            // The empty line is the whole header, or follows the line break of the last line.
            if start == range.lowerBound || message[start - 1] == SevenBitData.lineFeed { return start }
        }
        return nil
    }
}
