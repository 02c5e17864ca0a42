/// The narrowest `Content-Transfer-Encoding` that labels some content truthfully
/// (RFC 2045 §2.7-§2.9, §6.2): 7bit, 8bit, or binary.
enum DSNTransferEncoding: Int, Comparable, Sendable {
    /// Lines of at most 998 ASCII octets ending in CRLF, no NUL.
    case sevenBit
    /// As 7bit, but with octets above 127.
    case eightBit
    /// Anything else: NUL, a CR or LF that is not part of a CRLF, or a longer line.
    case binary

    /// The longest line of 7bit and 8bit data, CRLF excluded (RFC 5322 §2.1.1, RFC 2045 §2.8).
    static let longestLine = 998

    /// The class of `bytes`, found in one pass.
    init(scanning bytes: ArraySlice<UInt8>) {
        var result = DSNTransferEncoding.sevenBit
        var lineLength = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case 13:
                guard index + 1 < bytes.endIndex, bytes[index + 1] == 10 else { self = .binary; return }
                lineLength = 0
                index += 2
                continue
            case 10, 0:
                self = .binary
                return
            case 0x80...:
                result = .eightBit
            default:
                break
            }
            lineLength += 1
            if lineLength > Self.longestLine { self = .binary; return }
            index += 1
        }
        self = result
    }

    /// Text that is valid to label as 8bit or 7bit: its UTF-8 form, which `DSNText` keeps free
    /// of control characters and long lines.
    init(text: String) {
        self = DSNText.isNonASCII(text) ? .eightBit : .sevenBit
    }

    /// The `Content-Transfer-Encoding` value.
    var name: String {
        switch self {
        case .sevenBit: "7bit"
        case .eightBit: "8bit"
        case .binary: "binary"
        }
    }

    static func < (lhs: DSNTransferEncoding, rhs: DSNTransferEncoding) -> Bool { lhs.rawValue < rhs.rawValue }
}
