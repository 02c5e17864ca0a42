/// What a domain owner asks receivers to do with mail that fails DMARC (the `p` and `sp`
/// tags, RFC 7489 §6.3).
public enum DMARCPolicy: String, Sendable, Hashable, CaseIterable {
    /// Only report; deliver as usual.
    case none
    /// Treat the mail as suspicious (for example deliver it to a spam folder).
    case quarantine
    /// Refuse the mail.
    case reject

    /// The policy one step less strict, applied to mail that falls outside the `pct`
    /// sample (RFC 7489 §6.3 `pct`, §6.6.4).
    public var lessStrict: DMARCPolicy {
        switch self {
        case .reject: .quarantine
        case .quarantine, .none: .none
        }
    }
}

/// How closely an authenticated domain must match the author domain (the `adkim` and
/// `aspf` tags, RFC 7489 §3.1).
public enum DMARCAlignmentMode: String, Sendable, Hashable, CaseIterable {
    /// The same organizational domain is enough (`r`, the default).
    case relaxed = "r"
    /// The domains must be identical (`s`).
    case strict = "s"
}

/// When a failure report is wanted (the `fo` tag, RFC 7489 §6.3).
public enum DMARCFailureReportingOption: String, Sendable, Hashable, CaseIterable {
    /// When no mechanism produced an aligned pass (`0`, the default).
    case allMechanismsFailed = "0"
    /// When any mechanism produced something other than an aligned pass (`1`).
    case anyMechanismFailed = "1"
    /// When a DKIM signature failed, aligned or not (`d`).
    case dkimFailed = "d"
    /// When SPF failed, aligned or not (`s`).
    case spfFailed = "s"
}

/// A reporting address from `rua` or `ruf` (RFC 7489 §6.2): a URI and an optional size limit.
public struct DMARCReportURI: Sendable, Hashable {
    /// The URI, for example `mailto:reports@example.org`.
    public var uri: String
    /// The largest report the owner accepts at this URI, in bytes, if given (`!10m`).
    public var maximumSize: UInt64?

    public init(uri: String, maximumSize: UInt64? = nil) {
        self.uri = uri
        self.maximumSize = maximumSize
    }
}
