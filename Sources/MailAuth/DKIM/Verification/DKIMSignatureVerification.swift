/// The outcome of verifying one DKIM signature of a message, with what an
/// Authentication-Results field reports about it (RFC 8601 §2.7.1, RFC 6008).
public struct DKIMSignatureVerification: Sendable, Hashable {
    /// The result: pass only when the signature verified with an acceptable key and algorithm.
    public let result: DKIMResult
    /// The signing domain, `d=` ("" when the signature has none).
    public let domain: String
    /// The selector, `s=` ("" when absent).
    public let selector: String
    /// The algorithm as written in `a=` ("" when absent).
    public let algorithm: String
    /// The agent or user identifier, `i=` ("@" and `d=` when absent), nil when unreadable.
    public let identity: String?
    /// The start of `b=`, at least 8 characters and long enough to tell this signature
    /// from the message's others: `header.b` (RFC 6008 §4).
    public let headerSignaturePrefix: String
    /// Whether the signature has `l=` and the body continues past it: that content is not
    /// covered by the signature, so trust decisions should not rely on it.
    public let bodyLengthLimited: Bool
    /// Whether the key record says `t=y`: the domain is testing DKIM (RFC 6376 §3.6.1).
    public let keyIsTesting: Bool
    /// Why the signature did not pass; nil when it passed.
    public let failure: DKIMFailureReason?

    public init(result: DKIMResult, domain: String, selector: String, algorithm: String, identity: String?,
                headerSignaturePrefix: String, bodyLengthLimited: Bool, keyIsTesting: Bool, failure: DKIMFailureReason?) {
        self.result = result
        self.domain = domain
        self.selector = selector
        self.algorithm = algorithm
        self.identity = identity
        self.headerSignaturePrefix = headerSignaturePrefix
        self.bodyLengthLimited = bodyLengthLimited
        self.keyIsTesting = keyIsTesting
        self.failure = failure
    }
}
