import MailStore

/// What greylisting decided for one attempt, and the records to write for it.
public struct GreylistDecision: Sendable, Hashable {
    /// Pass or defer.
    public enum Verdict: Sendable, Hashable {
        /// The recipient may be accepted.
        case pass(PassReason)
        /// Answer 451 4.7.1 (RFC 6647 §2.1): the client should retry after this many seconds.
        case deferred(retryAfterSeconds: Int)
    }

    /// Why an attempt passed.
    public enum PassReason: Sendable, Hashable {
        /// The client network was auto-whitelisted.
        case whitelistedClient
        /// The triplet passed before.
        case knownTriplet
        /// A retry after the delay and within the window.
        case retriedInWindow
        /// The records could not be read or written; greylisting fails open.
        case storeUnavailable
    }

    public var verdict: Verdict
    /// The triplet's record to write, or nil to leave it as it is.
    public var triplet: GreylistRecord?
    /// The client network's record to write, or nil to leave it as it is.
    public var client: GreylistRecord?

    /// A decision.
    public init(verdict: Verdict, triplet: GreylistRecord?, client: GreylistRecord?) {
        self.verdict = verdict
        self.triplet = triplet
        self.client = client
    }

    /// Whether the attempt passes.
    public var passes: Bool {
        if case .pass = verdict { return true }
        return false
    }
}
