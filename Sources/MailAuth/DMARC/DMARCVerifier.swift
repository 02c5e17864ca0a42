import DNSResolver

/// Evaluates DMARC (RFC 7489 §6.6) for one message from the SPF and DKIM results the
/// receiver already has: discovers the author domain's policy, checks identifier
/// alignment, and chooses the disposition.
public struct DMARCVerifier: Sendable {
    private let discovery: DMARCPolicyDiscovery
    private let alignment: DMARCAlignment
    private let random: @Sendable () -> Int

    /// - Parameters:
    ///   - random: a number in 0..<100 for `pct` sampling (a test passes a fixed one).
    public init(resolver: any DNSResolving, publicSuffixList: PublicSuffixList,
                random: @escaping @Sendable () -> Int = { Int.random(in: 0..<100) }) {
        self.discovery = DMARCPolicyDiscovery(resolver: resolver, publicSuffixList: publicSuffixList)
        self.alignment = DMARCAlignment(publicSuffixList: publicSuffixList)
        self.random = random
    }

    /// Evaluates a message.
    /// - Parameters:
    ///   - authorDomain: the domain of the From: address (see ``AuthorDomain``).
    ///   - spf: the SPF result and the domain SPF checked (the MAIL FROM domain, or the
    ///     HELO name when the reverse path was empty).
    ///   - dkim: every DKIM signature's result and its `d=` domain.
    public func evaluate(authorDomain: String, spf: (result: SPFResult, domain: String),
                         dkim: [(result: DKIMResult, domain: String)]) async -> DMARCEvaluation {
        let author = DomainLabels.lowercasedLabels(of: authorDomain)?.joined(separator: ".") ?? authorDomain.lowercased()
        var evaluation = DMARCEvaluation(result: .none, authorDomain: author)
        switch await discovery.discover(authorDomain: authorDomain) {
        case .noRecord:
            return evaluation
        case .multipleRecords(let domain):
            evaluation.explanation = "\(domain) publishes more than one DMARC record"
            return evaluation
        case .unusableRecord(let domain, let problem):
            evaluation.explanation = "the DMARC record of \(domain) is unusable: \(problem)"
            return evaluation
        case .temporaryFailure(_, let reason):
            evaluation.result = .temperror
            evaluation.explanation = reason
            return evaluation
        case .invalidAuthorDomain(let domain):
            evaluation.result = .permerror
            evaluation.explanation = "\"\(domain)\" is not a valid author domain"
            return evaluation
        case .found(let record, let domain, let isOrganizationalDomain):
            evaluation.record = record
            evaluation.policyDomain = domain
            evaluation.policy = record.policy(forSubdomain: isOrganizationalDomain)
        }
        guard let record = evaluation.record, let policy = evaluation.policy else { return evaluation }
        evaluation.spfAligned = spf.result == .pass
            && alignment.isAligned(spf.domain, with: author, mode: record.spfAlignment)
        evaluation.dkimAligned = dkim.contains {
            $0.result == .pass && alignment.isAligned($0.domain, with: author, mode: record.dkimAlignment)
        }
        guard !evaluation.spfAligned && !evaluation.dkimAligned else {
            evaluation.result = .pass
            return evaluation
        }
        evaluation.result = .fail
        let isInSample = record.percentage >= 100 || (record.percentage > 0 && random() < record.percentage)
        evaluation.isOutsideSample = !isInSample && policy != .none
        evaluation.disposition = Self.disposition(for: isInSample ? policy : policy.lessStrict)
        return evaluation
    }

    private static func disposition(for policy: DMARCPolicy) -> DMARCDisposition {
        switch policy {
        case .none: .none
        case .quarantine: .quarantine
        case .reject: .reject
        }
    }
}
