/// A DMARC policy record (RFC 7489 §6.3), with every tag's default filled in.
public struct DMARCRecord: Sendable, Hashable {
    /// `p`: the policy for the domain itself.
    public var policy: DMARCPolicy
    /// `sp`: the policy for its subdomains, when given (otherwise `policy` applies).
    public var subdomainPolicy: DMARCPolicy?
    /// `adkim`: DKIM alignment (default relaxed).
    public var dkimAlignment: DMARCAlignmentMode
    /// `aspf`: SPF alignment (default relaxed).
    public var spfAlignment: DMARCAlignmentMode
    /// `pct`: the percentage of failing mail the policy applies to, 0–100 (default 100).
    public var percentage: Int
    /// `rua`: where aggregate reports go (syntactically valid URIs only).
    public var aggregateReportURIs: [DMARCReportURI]
    /// `ruf`: where failure reports go (syntactically valid URIs only).
    public var failureReportURIs: [DMARCReportURI]
    /// `fo`: when failure reports are wanted (default `0`).
    public var failureReportingOptions: [DMARCFailureReportingOption]
    /// `rf`: the failure report formats (default `afrf`).
    public var reportFormats: [String]
    /// `ri`: the aggregate report interval in seconds (default 86400).
    public var reportInterval: UInt32
    /// Set when the record's `p` was missing or invalid (or its `sp` invalid) and, because
    /// it names an aggregate report address, it is read as `p=none` (RFC 7489 §6.6.3 step 6).
    public var replacedPolicyProblem: DMARCRecordProblem?

    public static let defaultPercentage = 100
    public static let defaultReportInterval: UInt32 = 86400

    public init(policy: DMARCPolicy, subdomainPolicy: DMARCPolicy? = nil,
                dkimAlignment: DMARCAlignmentMode = .relaxed, spfAlignment: DMARCAlignmentMode = .relaxed,
                percentage: Int = DMARCRecord.defaultPercentage,
                aggregateReportURIs: [DMARCReportURI] = [], failureReportURIs: [DMARCReportURI] = [],
                failureReportingOptions: [DMARCFailureReportingOption] = [.allMechanismsFailed],
                reportFormats: [String] = ["afrf"], reportInterval: UInt32 = DMARCRecord.defaultReportInterval,
                replacedPolicyProblem: DMARCRecordProblem? = nil) {
        self.policy = policy
        self.subdomainPolicy = subdomainPolicy
        self.dkimAlignment = dkimAlignment
        self.spfAlignment = spfAlignment
        self.percentage = percentage
        self.aggregateReportURIs = aggregateReportURIs
        self.failureReportURIs = failureReportURIs
        self.failureReportingOptions = failureReportingOptions
        self.reportFormats = reportFormats
        self.reportInterval = reportInterval
        self.replacedPolicyProblem = replacedPolicyProblem
    }

    /// Parses the text of a TXT record (its strings already joined).
    ///
    /// `v=DMARC1` must be the first tag. Unknown tags are ignored, and so are tags without
    /// `=`. An invalid `adkim`, `aspf`, `pct`, `fo`, `rf` or `ri` gives that tag's default;
    /// invalid report URIs are dropped. A missing or invalid `p`, or an invalid `sp`, makes
    /// the record unusable unless `rua` names a valid URI, in which case it reads as `p=none`
    /// (RFC 7489 §6.6.3 step 6). When a tag appears twice, the first one counts.
    public init(parsing text: String) throws(DMARCRecordProblem) {
        guard let tags = DMARCTagList(text), tags.isDMARCVersion1 else { throw .notDMARCRecord }
        self.init(policy: .none)
        let aggregate = tags["rua"].map(DMARCTagValues.reportURIs) ?? []
        do throws(DMARCRecordProblem) {
            policy = try DMARCTagValues.policy(tags["p"], missing: .missingPolicy, invalid: DMARCRecordProblem.invalidPolicy)
            if let subdomain = tags["sp"] {
                subdomainPolicy = try DMARCTagValues.policy(subdomain, missing: .missingPolicy,
                                                            invalid: DMARCRecordProblem.invalidSubdomainPolicy)
            }
        } catch {
            guard !aggregate.isEmpty else { throw error }
            policy = .none
            subdomainPolicy = nil
            replacedPolicyProblem = error
        }
        dkimAlignment = tags["adkim"].flatMap(DMARCTagValues.alignment) ?? .relaxed
        spfAlignment = tags["aspf"].flatMap(DMARCTagValues.alignment) ?? .relaxed
        percentage = tags["pct"].flatMap(DMARCTagValues.percentage) ?? Self.defaultPercentage
        aggregateReportURIs = aggregate
        failureReportURIs = tags["ruf"].map(DMARCTagValues.reportURIs) ?? []
        failureReportingOptions = tags["fo"].flatMap(DMARCTagValues.failureReportingOptions) ?? [.allMechanismsFailed]
        reportFormats = tags["rf"].flatMap(DMARCTagValues.reportFormats) ?? ["afrf"]
        reportInterval = tags["ri"].flatMap { UInt32($0) } ?? Self.defaultReportInterval
    }

    /// Whether `text` starts with the `v=DMARC1` tag, the test that tells DMARC records
    /// from other TXT records at a `_dmarc` name (RFC 7489 §6.6.3 step 3).
    public static func isDMARCRecord(_ text: String) -> Bool {
        DMARCTagList(text)?.isDMARCVersion1 ?? false
    }

    /// The policy for mail whose author domain is `isSubdomain` of the domain that
    /// published this record (`sp`, or `p` when there is no `sp`), or the domain itself (`p`).
    public func policy(forSubdomain isSubdomain: Bool) -> DMARCPolicy {
        isSubdomain ? (subdomainPolicy ?? policy) : policy
    }
}
