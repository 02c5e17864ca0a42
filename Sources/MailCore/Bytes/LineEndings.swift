/// Line endings of stored messages. IMAP sizes and sections count CRLF line ends
/// (RFC 9051 §2.3.3), so a message that arrives with bare LF (an APPEND from a Unix file,
/// an import) should be stored in CRLF form before it is parsed and its structure cached.
public enum LineEndings {
    /// Whether the bytes hold a line feed that is not preceded by a carriage return.
    public static func hasBareLineFeeds(_ bytes: [UInt8]) -> Bool {
        var start = 0
        while let lineFeed = bytes.firstIndex(of: ASCII.lineFeed, in: start..<bytes.count) {
            if lineFeed == 0 || bytes[lineFeed - 1] != ASCII.carriageReturn { return true }
            start = lineFeed + 1
        }
        return false
    }

    /// The bytes with every bare LF turned into CRLF (CRLF and lone CR are left alone).
    public static func normalizedToCRLF(_ bytes: [UInt8]) -> [UInt8] {
        guard hasBareLineFeeds(bytes) else { return bytes }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count + bytes.count / 32 + 2)
        var start = 0
        while let lineFeed = bytes.firstIndex(of: ASCII.lineFeed, in: start..<bytes.count) {
            let hasCarriageReturn = lineFeed > 0 && bytes[lineFeed - 1] == ASCII.carriageReturn
            output.append(contentsOf: bytes[start..<lineFeed])
            if !hasCarriageReturn { output.append(ASCII.carriageReturn) }
            output.append(ASCII.lineFeed)
            start = lineFeed + 1
        }
        output.append(contentsOf: bytes[start...])
        return output
    }
}
