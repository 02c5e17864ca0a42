/// A cursor over a received message that checks every read against the end of the data.
struct DNSWireReader {
    /// The most compression pointers one name may follow; a name has at most 127 labels.
    static let maximumCompressionPointers = 127

    let bytes: [UInt8]
    private(set) var position = 0
    /// Reads of fields and uncompressed labels stop here (the end of the current RDATA).
    var limit: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.limit = bytes.count
    }

    var remaining: Int { limit - position }

    mutating func readUInt8(_ part: @autoclosure () -> String) throws(DNSDecodingError) -> UInt8 {
        guard position < limit else { throw .truncated(part()) }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readUInt16(_ part: @autoclosure () -> String) throws(DNSDecodingError) -> UInt16 {
        guard remaining >= 2 else { throw .truncated(part()) }
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    mutating func readUInt32(_ part: @autoclosure () -> String) throws(DNSDecodingError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated(part()) }
        defer { position += 4 }
        return bytes[position..<position + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func readBytes(_ count: Int, _ part: @autoclosure () -> String) throws(DNSDecodingError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw .truncated(part()) }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// Reads a possibly compressed name (RFC 1035 §4.1.4). A pointer must point before the
    /// start of the labels that contain it, so every jump goes strictly backwards and
    /// decoding ends; the pointer count and the 255-octet name limit are checked as well.
    mutating func readName(_ part: @autoclosure () -> String) throws(DNSDecodingError) -> DNSName {
        var labels: [[UInt8]] = []
        var wireLength = 1
        var cursor = position
        var segmentStart = position
        var end = limit
        var jumps = 0
        while true {
            guard cursor < end else { throw .truncated(part()) }
            let octet = bytes[cursor]
            switch octet & 0xC0 {
            case 0x00:
                let length = Int(octet)
                if length == 0 {
                    if jumps == 0 { position = cursor + 1 }
                    return DNSName(validatedLabels: labels)
                }
                guard cursor + 1 + length <= end else { throw .truncated(part()) }
                wireLength += 1 + length
                guard wireLength <= DNSName.maximumWireLength else { throw .nameTooLong }
                labels.append(Array(bytes[cursor + 1...cursor + length]))
                cursor += 1 + length
            case 0xC0:
                guard cursor + 1 < end else { throw .truncated(part()) }
                let target = Int(octet & 0x3F) << 8 | Int(bytes[cursor + 1])
                guard target < segmentStart else { throw .badCompressionPointer(offset: cursor, target: target) }
                if jumps == 0 { position = cursor + 2 }
                jumps += 1
                guard jumps <= Self.maximumCompressionPointers else { throw .tooManyCompressionPointers }
                // A compressed suffix may lie anywhere earlier in the message, outside the RDATA.
                end = bytes.count
                segmentStart = target
                cursor = target
            default:
                throw .reservedLabelType(octet)
            }
        }
    }
}
