import MailCore

/// Re-encodes the body of one leaf part for a 7-bit transport (RFC 6152 §3).
enum SevenBitBody {
    /// A re-encoded body and the Content-Transfer-Encoding that now labels it.
    struct Encoded {
        var encoding: String
        var bytes: [UInt8]
    }

    /// The body re-encoded: text as quoted-printable (RFC 2045 §6.7, CRLF kept as hard line
    /// breaks), anything else as base64 in 76-character lines (§6.8). A body already in
    /// base64 or quoted-printable (with stray 8-bit octets or overlong lines) is decoded
    /// first, the way readers decode it; a base64 body stays base64. Quoted-printable that
    /// would put a line starting with `--boundary` of an enclosing multipart (after a soft
    /// line break) becomes base64, whose alphabet has no `-`. Nil for an encoding MailCore
    /// does not know (e.g. x-uuencode): its content cannot be re-encoded.
    static func reencode(_ body: ArraySlice<UInt8>, declared: TransferEncoding, isText: Bool,
                         boundaries: [[UInt8]]) -> Encoded? {
        let content: [UInt8]
        var asText = isText
        switch declared {
        case .sevenBit, .eightBit, .binary:
            content = Array(body)
        case .quotedPrintable:
            content = QuotedPrintable.decode(body).bytes
        case .base64:
            content = Base64.decode(body).bytes
            asText = false
        case .other:
            return nil
        }
        if asText {
            let encoded = QuotedPrintable.encode(content, isText: true)
            if !SevenBitData.containsDelimiterLine(encoded, boundaries: boundaries) {
                return Encoded(encoding: "quoted-printable", bytes: encoded)
            }
        }
        var encoded = Base64.encode(content, lineLength: 76)
        // A body that ended with a line break (the last part of a message, whose final CRLF
        // is body) keeps ending with one; base64 readers skip it.
        if body.last == SevenBitData.lineFeed, !encoded.isEmpty {
            encoded.append(SevenBitData.carriageReturn)
            encoded.append(SevenBitData.lineFeed)
        }
        return Encoded(encoding: "base64", bytes: encoded)
    }
}
