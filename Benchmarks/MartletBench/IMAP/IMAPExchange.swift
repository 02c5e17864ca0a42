/// What one IMAP command (or the greeting) brought back: how it ended and what the
/// untagged responses on the way said that a client must track.
struct IMAPExchange: Equatable, Sendable {
    enum Ending: Equatable, Sendable {
        /// The greeting: `OK`, `PREAUTH` or `BYE`, and its text.
        case greeting(String)
        /// A continuation request ("+ ..."), e.g. for a synchronizing literal or IDLE.
        case continuation(String)
        case completed(IMAPStatus, String)
    }

    var ending: Ending = .greeting("")
    /// The last `* n EXISTS`, and the `* n EXPUNGE` responses seen after it (or in all,
    /// without an EXISTS).
    var lastExists: Int?
    var expungesAfterExists = 0
    var fetchResponses = 0
    var untaggedResponses = 0
    /// Bytes of literal data received (message bodies and headers).
    var literalBytes = 0
    /// Capabilities announced in a CAPABILITY response or response code.
    var capabilities: Set<String>?
    /// The text of an untagged BYE: the server is closing the connection.
    var bye: String?
}
