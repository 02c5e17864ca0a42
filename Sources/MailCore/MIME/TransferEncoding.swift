/// A Content-Transfer-Encoding (RFC 2045 §6).
public enum TransferEncoding: Sendable, Hashable {
    case sevenBit, eightBit, binary, base64, quotedPrintable
    /// An encoding MailCore does not decode (e.g. `x-uuencode`); the body is taken as it is.
    case other(String)

    /// The encoding for a (lower-cased) name as it appears in BODYSTRUCTURE.
    public init(name: String) {
        switch name {
        case "7bit": self = .sevenBit
        case "8bit": self = .eightBit
        case "binary": self = .binary
        case "base64": self = .base64
        case "quoted-printable": self = .quotedPrintable
        default: self = .other(name)
        }
    }

    /// Whether the body is the content itself, without transformation.
    public var isIdentity: Bool {
        switch self {
        case .sevenBit, .eightBit, .binary: true
        default: false
        }
    }

    /// Decodes a body in this encoding; an unknown encoding returns the bytes as they are.
    public func decode(_ body: ArraySlice<UInt8>) -> TransferDecodingResult {
        var output = [UInt8]()
        let clean = decode(body, appendingTo: &output)
        return TransferDecodingResult(bytes: output, hadInvalidInput: !clean)
    }

    func decode(_ body: ArraySlice<UInt8>, appendingTo output: inout [UInt8]) -> Bool {
        switch self {
        case .base64: return Base64.decode(body, appendingTo: &output)
        case .quotedPrintable: return QuotedPrintable.decode(body, appendingTo: &output)
        default:
            output.append(contentsOf: body)
            return true
        }
    }
}
