import Foundation

/// Strict base64 (RFC 4648 §4, padded, no whitespace) of a substring, or `nil`.
func decodeBase64<Text: StringProtocol>(_ text: Text) -> [UInt8]? {
    guard let data = Data(base64Encoded: String(text)) else { return nil }
    return Array(data)
}

/// Padded base64 (RFC 4648 §4) of `bytes`.
func encodeBase64(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
}

extension Character {
    /// Whether this is one of the ASCII digits 0–9.
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
