/// A reply from clamd that is not one of the replies it documents.
public enum ClamdProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// More than ``ClamdReplyParser/maximumLength`` octets without a terminator.
    case replyTooLong
    /// The connection closed before any reply.
    case noReply
    /// A reply that is neither `OK`, `… FOUND` nor `… ERROR`, or that holds control
    /// characters; shown with anything unprintable replaced by `?`.
    case malformedReply(String)

    public var description: String {
        switch self {
        case .replyTooLong: return "clamd's reply is longer than \(ClamdReplyParser.maximumLength) octets"
        case .noReply: return "clamd closed the connection without a reply"
        case .malformedReply(let text): return "unexpected reply from clamd: \"\(text)\""
        }
    }
}
