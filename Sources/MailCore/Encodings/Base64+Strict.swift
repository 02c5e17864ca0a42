extension Base64 {
    /// Decodes base64 as SASL exchanges carry it (RFC 4954 §4, RFC 5034 §4, RFC 9051 §9
    /// `base64`): only the alphabet, whole quanta of four characters, and `=` padding only in
    /// the last two places. Returns nil for anything else; empty text decodes to nothing.
    public static func decodeStrict(_ text: some Collection<UInt8>) -> [UInt8]? {
        let bytes = Array(text)
        guard bytes.count % 4 == 0 else { return nil }
        var padding = 0
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "=") {
                padding += 1
                // "=" only in the last two positions, and nothing but "=" after the first one.
                guard index >= bytes.count - 2 else { return nil }
            } else {
                guard padding == 0, isStrictAlphabet(byte) else { return nil }
            }
        }
        let decoded = decode(bytes)
        return decoded.hadInvalidInput ? nil : decoded.bytes
    }

    private static func isStrictAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}
