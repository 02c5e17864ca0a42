/// Why a command line could not be parsed. Each one is answered with `-ERR` and its
/// ``description``, and counts as a bad command.
public enum POP3CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line is empty.
    case emptyLine
    /// The keyword is not a POP3 command Martlet knows.
    case unknownCommand
    /// The line holds a NUL, a CR or LF, or other control characters where text is expected.
    case invalidCharacters
    /// The arguments do not follow the command's syntax; `usage` shows the right form.
    case invalidArguments(usage: String)
    /// An argument is longer than RFC 2449 §3 allows (40 octets).
    case argumentTooLong
    /// A message number that is not a positive decimal number.
    case invalidMessageNumber
    /// A TOP line count that is not a non-negative decimal number.
    case invalidLineCount
    /// An AUTH initial response that is not strict base64 (RFC 5034 §4).
    case invalidBase64

    public var description: String {
        switch self {
        case .emptyLine: return "Empty command"
        case .unknownCommand: return "Unknown command"
        case .invalidCharacters: return "Invalid characters in command"
        case .invalidArguments(let usage): return "Syntax: \(usage)"
        case .argumentTooLong: return "Argument too long"
        case .invalidMessageNumber: return "Invalid message number"
        case .invalidLineCount: return "Invalid line count"
        case .invalidBase64: return "Invalid base64 in initial response"
        }
    }
}
