import MailCore

/// Base64 as SASL exchanges use it in IMAP (RFC 9051 §9 `base64`): whole quanta of four
/// characters, padding only at the end, nothing else allowed.
enum StrictBase64 {
    /// The decoded octets, or nil when `text` is not strict base64.
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var padding = 0
        for byte in text {
            if byte == IMAPCharacters.equals {
                padding += 1
                guard padding <= 2 else { return nil }
            } else {
                guard padding == 0, isAlphabet(byte) else { return nil }
            }
        }
        let result = Base64.decode(text)
        return result.hadInvalidInput ? nil : result.bytes
    }

    private static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2B, 0x2F: true
        default: false
        }
    }
}
