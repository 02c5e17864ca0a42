/// Base64 (RFC 2045 §6.8): a lenient decoder and an encoder with 76-column lines.
public enum Base64 {
    /// Decodes base64, skipping whitespace and line breaks. Other bytes outside the alphabet
    /// are skipped and reported; decoding continues after padding (concatenated encodings).
    public static func decode(_ encoded: some Collection<UInt8>) -> TransferDecodingResult {
        var output = [UInt8]()
        let clean = decode(ArraySlice(encoded), appendingTo: &output)
        return TransferDecodingResult(bytes: output, hadInvalidInput: !clean)
    }

    /// Decodes into `output`; returns false when the input had to be repaired.
    static func decode(_ encoded: ArraySlice<UInt8>, appendingTo output: inout [UInt8]) -> Bool {
        output.reserveCapacity(output.count + encoded.count * 3 / 4)
        var clean = true
        var accumulator: UInt32 = 0
        var sextets = 0
        var sawPadding = false
        decodingTable.withUnsafeBufferPointer { table in
            for byte in encoded {
                let value = table[Int(byte)]
                if value < 64 {
                    if sawPadding { clean = false; sawPadding = false }
                    accumulator = accumulator << 6 | UInt32(value)
                    sextets += 1
                    if sextets == 4 {
                        output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                        output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                        output.append(UInt8(truncatingIfNeeded: accumulator))
                        accumulator = 0
                        sextets = 0
                    }
                } else if value == padding {
                    if sextets > 0 && !flush(&accumulator, &sextets, into: &output) { clean = false }
                    sawPadding = true
                } else if value != skipped {
                    clean = false
                }
            }
        }
        if sextets > 0 {
            // Missing padding is common and harmless; a lone sextet is not.
            if !flush(&accumulator, &sextets, into: &output) { clean = false }
        }
        return clean
    }

    /// Emits the bytes of an incomplete quantum; false if it cannot hold a whole byte.
    private static func flush(_ accumulator: inout UInt32, _ sextets: inout Int, into output: inout [UInt8]) -> Bool {
        defer { accumulator = 0; sextets = 0 }
        switch sextets {
        case 2:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
            return true
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
            return true
        default:
            return false
        }
    }

    /// Encodes bytes as base64; with a line length, lines are broken with CRLF
    /// (RFC 2045 §6.8 allows at most 76 characters per line).
    public static func encode(_ bytes: some Collection<UInt8>, lineLength: Int? = 76) -> [UInt8] {
        let input = Array(bytes)
        var output = [UInt8]()
        let encodedLength = (input.count + 2) / 3 * 4
        output.reserveCapacity(encodedLength + encodedLength / 38 + 2)
        let perLine = lineLength.map { Swift.max(4, $0 / 4 * 4) } ?? Int.max
        var column = 0
        var index = 0
        alphabet.withUnsafeBufferPointer { alphabet in
            while index < input.count {
                let remaining = input.count - index
                let first = UInt32(input[index])
                let second = remaining > 1 ? UInt32(input[index + 1]) : 0
                let third = remaining > 2 ? UInt32(input[index + 2]) : 0
                let group = first << 16 | second << 8 | third
                if column >= perLine {
                    output.append(ASCII.carriageReturn)
                    output.append(ASCII.lineFeed)
                    column = 0
                }
                output.append(alphabet[Int(group >> 18 & 0x3F)])
                output.append(alphabet[Int(group >> 12 & 0x3F)])
                output.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3F)] : ASCII.equals)
                output.append(remaining > 2 ? alphabet[Int(group & 0x3F)] : ASCII.equals)
                column += 4
                index += 3
            }
        }
        return output
    }

    /// Encodes bytes as one base64 string without line breaks.
    public static func encodedString(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: encode(bytes, lineLength: nil), as: UTF8.self)
    }

    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let padding: UInt8 = 0xFD
    private static let skipped: UInt8 = 0xFE
    private static let invalid: UInt8 = 0xFF

    private static let decodingTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        for byte in [ASCII.space, ASCII.tab, ASCII.carriageReturn, ASCII.lineFeed, 0x0B, 0x0C] {
            table[Int(byte)] = skipped
        }
        table[Int(ASCII.equals)] = padding
        return table
    }()
}
