/// Why the bytes a server sent are not a valid SMTP reply (RFC 5321 §4.2). The session ends
/// the connection on any of them and treats its recipients as temporary failures.
public enum SMTPReplyParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A reply line longer than ``SMTPClientLimits/maximumReplyLineLength``.
    case lineTooLong(limit: Int)
    /// A multi-line reply with more lines than ``SMTPClientLimits/maximumReplyLineCount``.
    case tooManyLines(limit: Int)
    /// A line that does not start with a three-digit reply code (2xx to 5xx) followed by a
    /// space, a hyphen or the end of the line. The excerpt is sanitised and short.
    case malformedLine(excerpt: String)
    /// A line of a multi-line reply whose code differs from the lines before it.
    case inconsistentCode(expected: Int, found: Int)

    public var description: String {
        switch self {
        case .lineTooLong(let limit): "reply line longer than \(limit) octets"
        case .tooManyLines(let limit): "reply of more than \(limit) lines"
        case .malformedLine(let excerpt): "malformed reply line \"\(excerpt)\""
        case .inconsistentCode(let expected, let found):
            "multi-line reply changed its code from \(expected) to \(found)"
        }
    }
}
