/// Why a command does not follow the grammar, and how to answer it.
struct GrammarError: Error, Sendable, Equatable {
    /// What is wrong, for the text of the response.
    var message: String
    /// The response status: syntax errors are `BAD`; a few semantic refusals (an unknown
    /// charset, RFC 9051 §6.4.4) are `NO`.
    var status: RejectionStatus = .bad
    /// A response code to send with the refusal.
    var code: ResponseCode?

    init(_ message: String, status: RejectionStatus = .bad, code: ResponseCode? = nil) {
        self.message = message
        self.status = status
        self.code = code
    }

    /// The parse needs bytes the command has not supplied yet (used when a prefix of an
    /// `APPEND` is examined before its message literal arrives).
    static let incomplete = GrammarError("incomplete command")
}
