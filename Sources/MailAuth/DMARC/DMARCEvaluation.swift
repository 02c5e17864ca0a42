/// What the receiver should do with a message after DMARC (RFC 7489 §6.6.4): the
/// published policy, lowered when the message fell outside the `pct` sample.
public enum DMARCDisposition: String, Sendable, Hashable, CaseIterable {
    /// Deliver as usual.
    case none
    /// Deliver as suspicious (spam folder, hold for review).
    case quarantine
    /// Refuse the message (for example 550 5.7.1 at the end of DATA).
    case reject
}

/// The outcome of a DMARC evaluation of one message.
public struct DMARCEvaluation: Sendable, Hashable {
    /// The DMARC result (RFC 7489 §11.2, RFC 8601 §2.7.1).
    public var result: DMARCResult
    /// The author domain (From: domain) the evaluation was for, lower-cased.
    public var authorDomain: String
    /// The domain whose record applied: the author domain or its organizational domain;
    /// nil when no record applied.
    public var policyDomain: String?
    /// The record that applied, if any.
    public var record: DMARCRecord?
    /// The published policy in force for this message (`p`, or `sp` when the record was
    /// found at the organizational domain of a subdomain); nil when no record applied.
    public var policy: DMARCPolicy?
    /// What to do with the message: `none` when DMARC passed or no policy applied.
    public var disposition: DMARCDisposition
    /// Whether SPF passed for a domain aligned with the author domain.
    public var spfAligned: Bool
    /// Whether some DKIM signature passed for a domain aligned with the author domain.
    public var dkimAligned: Bool
    /// True when the message failed but fell outside the `pct` sample, so a lesser
    /// disposition than the policy was chosen.
    public var isOutsideSample: Bool
    /// Why there is no definite result, for diagnostics (temporary DNS failure, several
    /// records, an unusable record, no author domain); nil otherwise.
    public var explanation: String?

    public init(result: DMARCResult, authorDomain: String, policyDomain: String? = nil, record: DMARCRecord? = nil,
                policy: DMARCPolicy? = nil, disposition: DMARCDisposition = .none, spfAligned: Bool = false,
                dkimAligned: Bool = false, isOutsideSample: Bool = false, explanation: String? = nil) {
        self.result = result
        self.authorDomain = authorDomain
        self.policyDomain = policyDomain
        self.record = record
        self.policy = policy
        self.disposition = disposition
        self.spfAligned = spfAligned
        self.dkimAligned = dkimAligned
        self.isOutsideSample = isOutsideSample
        self.explanation = explanation
    }

    /// The policy in force as a word (`none`, `quarantine`, `reject`) for
    /// Authentication-Results comments and `policy.*` properties; nil when no record applied.
    public var policyWord: String? { policy?.rawValue }

    /// The evaluation for a message whose author domain could not be determined (RFC 7489
    /// §6.6.1): permerror, with the problem as explanation.
    public static func unusableAuthorDomain(_ problem: AuthorDomainProblem) -> DMARCEvaluation {
        DMARCEvaluation(result: .permerror, authorDomain: "", explanation: problem.description)
    }
}
