/// Which identity an SPF check authorized (RFC 7208 §2.3, §2.4).
public enum SPFIdentity: String, Sendable, Hashable {
    /// The MAIL FROM reverse-path (or postmaster@HELO for the null sender).
    case mailFrom = "mailfrom"
    /// The HELO/EHLO name.
    case helo = "helo"
}

/// The outcome of an SPF check with what `Received-SPF:` and `Authentication-Results:` need.
public struct SPFEvaluation: Sendable, Hashable {
    /// The result (RFC 7208 §2.6).
    public var result: SPFResult
    /// The domain whose policy was checked (the sender's domain, or the HELO name).
    public var domain: String
    /// The sender given to check_host(): local-part@domain, "postmaster@…" when it had no local-part.
    public var sender: String
    /// The identity checked.
    public var identity: SPFIdentity
    /// The domain's explanation (its `exp=` text, §6.2), only on "fail" and only when it could be fetched.
    public var explanation: String?
    /// The directive that decided, as written ("-all", "include:example.org"); nil when none
    /// matched (the default result, "none", or an error before one matched).
    public var mechanism: String?
    /// Why the result is "permerror" or "temperror" (or "none" for a domain that cannot be
    /// checked), for people.
    public var problem: String?
    /// The terms that queried DNS, as counted against the limit of 10 (§4.6.4).
    public var dnsLookupCount: Int

    /// Creates an evaluation (the verifier does; tests and other producers may too).
    public init(result: SPFResult, domain: String, sender: String, identity: SPFIdentity,
                explanation: String? = nil, mechanism: String? = nil, problem: String? = nil, dnsLookupCount: Int = 0) {
        self.result = result
        self.domain = domain
        self.sender = sender
        self.identity = identity
        self.explanation = explanation
        self.mechanism = mechanism
        self.problem = problem
        self.dnsLookupCount = dnsLookupCount
    }
}
