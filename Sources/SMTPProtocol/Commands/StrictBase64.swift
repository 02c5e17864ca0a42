import MailCore

/// Base64 as RFC 4954 §4 wants it for AUTH: only the alphabet, padding only at the end, whole
/// quanta. MailCore's lenient decoder does the decoding once the text is known to be strict.
enum StrictBase64 {
    /// The decoded bytes, or `nil` if `text` is not strict base64. Empty text decodes to nothing.
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        let bytes = Array(text)
        guard bytes.count % 4 == 0 else { return nil }
        var padding = 0
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "=") {
                padding += 1
                // "=" only in the last two positions, and nothing but "=" after the first one.
                guard index >= bytes.count - 2 else { return nil }
            } else {
                guard padding == 0, isAlphabet(byte) else { return nil }
            }
        }
        let decoded = Base64.decode(bytes)
        return decoded.hadInvalidInput ? nil : decoded.bytes
    }

    /// Base64 of `bytes` on one line.
    static func encode(_ bytes: [UInt8]) -> String {
        Base64.encodedString(bytes)
    }

    private static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}
