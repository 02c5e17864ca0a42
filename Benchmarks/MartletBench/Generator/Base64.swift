/// Base64 (RFC 4648 §4) for SASL PLAIN and for MIME attachments (RFC 2045 §6.8).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: encodeBytes(Array(bytes)), as: UTF8.self)
    }

    /// `bytes` encoded and cut into lines of at most `lineLength` characters (76 for MIME).
    static func lines(_ bytes: [UInt8], lineLength: Int = 76) -> [String] {
        let encoded = encodeBytes(bytes)
        return stride(from: 0, to: encoded.count, by: lineLength).map {
            String(decoding: encoded[$0..<min($0 + lineLength, encoded.count)], as: UTF8.self)
        }
    }

    private static func encodeBytes(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let first = bytes[index]
            let second = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < bytes.count ? alphabet[Int(third & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return output
    }
}
