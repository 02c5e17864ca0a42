/// Pieces of the SCRAM message grammar (RFC 5802 §7) shared by the server and the client.
///
/// Messages are parsed as bytes, never as `Character`s, so that a combining mark after a
/// `,` or `=` cannot hide the delimiter from the parser.
enum SCRAMSyntax {
    static let comma = UInt8(ascii: ",")
    static let equals = UInt8(ascii: "=")

    /// `printable = %x21-2B / %x2D-7E`: what a nonce is made of.
    static func isPrintable(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte) && byte != comma
    }

    /// Splits a message into its comma-separated fields, keeping empty ones.
    static func fields(_ message: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        message.split(separator: comma, omittingEmptySubsequences: false)
    }

    /// The value of `field` if it is the attribute `name=value`, else `nil`.
    static func value(of name: Character, in field: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let nameByte = name.asciiValue, field.count >= 2, field.first == nameByte,
            field[field.startIndex + 1] == equals
        else { return nil }
        return field.dropFirst(2)
    }

    /// Whether `field` is an `attr-val`: one ASCII letter, `=`, and a value.
    static func isAttributeValue(_ field: ArraySlice<UInt8>) -> Bool {
        guard field.count >= 2, let first = field.first else { return false }
        let isLetter = (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first)
        return isLetter && field[field.startIndex + 1] == equals
    }

    /// The field as text if it is printable ASCII (a nonce), else `nil`.
    static func nonce(_ field: ArraySlice<UInt8>, maximumLength: Int) -> String? {
        guard !field.isEmpty, field.count <= maximumLength, field.allSatisfy(isPrintable) else {
            return nil
        }
        return String(decoding: field, as: UTF8.self)
    }

    /// Decodes a `saslname`: `=2C` is `,` and `=3D` is `=`; any other `=`, NUL, invalid UTF-8
    /// or an empty name is invalid (RFC 5802 §5.1: the server must then fail).
    static func decodeName(_ encoded: ArraySlice<UInt8>) -> String? {
        guard !encoded.isEmpty else { return nil }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let byte = encoded[index]
            if byte == equals {
                let escape = encoded[(index + 1)...].prefix(2)
                if escape.elementsEqual("2C".utf8) {
                    decoded.append(comma)
                } else if escape.elementsEqual("3D".utf8) {
                    decoded.append(equals)
                } else {
                    return nil
                }
                index += 3
            } else {
                guard byte != 0 else { return nil }
                decoded.append(byte)
                index += 1
            }
        }
        return String(validating: decoded, as: UTF8.self)
    }

    /// Encodes a name as a `saslname` (the inverse of ``decodeName(_:)``).
    static func encodeName(_ name: String) -> String {
        var encoded = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case ",": encoded += "=2C"
            case "=": encoded += "=3D"
            default: encoded.unicodeScalars.append(scalar)
            }
        }
        return encoded
    }

    /// Base64 text of a field, decoded, or `nil`.
    static func base64(_ field: ArraySlice<UInt8>) -> [UInt8]? {
        guard field.allSatisfy({ $0 < 0x80 }) else { return nil }
        return decodeBase64(String(decoding: field, as: UTF8.self))
    }

    /// The server-error values of RFC 5802 §7 that this implementation sends.
    enum ServerError: String {
        case invalidEncoding = "invalid-encoding"
        case extensionsNotSupported = "extensions-not-supported"
        case invalidProof = "invalid-proof"
        case channelBindingsDontMatch = "channel-bindings-dont-match"
        case channelBindingNotSupported = "channel-binding-not-supported"
        case invalidUsernameEncoding = "invalid-username-encoding"
        case otherError = "other-error"

        /// The complete server-final message `e=<value>`.
        var message: [UInt8] { Array("e=\(rawValue)".utf8) }
    }
}
