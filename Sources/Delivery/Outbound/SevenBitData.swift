/// Byte-level tests for the 7-bit conversion (RFC 6152 §3, RFC 2045 §2.7).
enum SevenBitData {
    static let carriageReturn: UInt8 = 13
    static let lineFeed: UInt8 = 10
    static let hyphen: UInt8 = 45
    static let questionMark: UInt8 = 63
    /// RFC 5322 §2.1.1, RFC 2045 §2.7: at most 998 octets before CRLF.
    static let maximumLineLength = 998

    /// Whether any octet is above 127 (8 octets at a time).
    static func containsEightBit(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            let raw = UnsafeRawPointer(base)
            var index = 0
            while index + 8 <= buffer.count {
                if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
                index += 8
            }
            while index < buffer.count {
                if buffer[index] >= 0x80 { return true }
                index += 1
            }
            return false
        }
    }

    /// Whether the bytes are "7bit data" (RFC 2045 §2.7): no NUL, no octet above 127, CR and
    /// LF only together as CRLF, lines of at most 998 octets.
    static func isSevenBitData(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer -> Bool in
            var lineLength = 0
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte == carriageReturn {
                    guard index + 1 < buffer.count, buffer[index + 1] == lineFeed else { return false }
                    lineLength = 0
                    index += 2
                    continue
                }
                // A NUL, an 8-bit octet, or a line feed without its carriage return.
                guard byte != 0, byte < 0x80, byte != lineFeed else { return false }
                lineLength += 1
                guard lineLength <= maximumLineLength else { return false }
                index += 1
            }
            return true
        }
    }

    /// Whether a line of `encoded` starts with `--` and one of `boundaries`, so that a MIME
    /// parser could take it for a delimiter line (RFC 2046 §5.1.1). A prefix is enough, to
    /// stay on the safe side of transport padding.
    static func containsDelimiterLine(_ encoded: [UInt8], boundaries: [[UInt8]]) -> Bool {
        guard !boundaries.isEmpty else { return false }
        var lineStart = 0
        while lineStart < encoded.count {
            if encoded[lineStart] == hyphen, lineStart + 1 < encoded.count, encoded[lineStart + 1] == hyphen {
                let rest = encoded[(lineStart + 2)...]
                if boundaries.contains(where: { rest.starts(with: $0) }) { return true }
            }
            guard let lineFeed = encoded[lineStart...].firstIndex(of: lineFeed) else { break }
            lineStart = lineFeed + 1
        }
        return false
    }
}
