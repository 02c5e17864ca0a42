import SASL

/// A LOGIN or AUTHENTICATE in progress.
struct AuthenticationExchange: Sendable {
    /// Where the exchange stands.
    enum Stage: Sendable {
        /// A challenge was sent; the client's response line is expected.
        case awaitingResponse
        /// The credential is being looked up.
        case awaitingCredential
        /// Success with data: the data went out as a challenge, an empty line is expected
        /// (RFC 9051 §6.2.2: IMAP has no success-with-data).
        case awaitingFinalAcknowledgement(SASLAuthentication)
    }

    let tag: String
    /// LOGIN rather than AUTHENTICATE (for the completion text).
    let isLogin: Bool
    var mechanism: any SASLServerMechanism
    var stage: Stage
}
