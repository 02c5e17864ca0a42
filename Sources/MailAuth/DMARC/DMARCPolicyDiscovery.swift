import DNSResolver

/// What looking up the DMARC policy for an author domain found (RFC 7489 §6.6.3).
public enum DMARCDiscoveryOutcome: Sendable, Hashable {
    /// One DMARC record, published at `domain`: the author domain itself, or its
    /// organizational domain when the author domain has none.
    case found(record: DMARCRecord, domain: String, isOrganizationalDomain: Bool)
    /// Neither the author domain nor its organizational domain publishes a DMARC record.
    case noRecord
    /// `domain` publishes more than one DMARC record, so none applies (step 5).
    case multipleRecords(domain: String)
    /// `domain` publishes one DMARC record, but it has no usable policy and no report
    /// address, so no DMARC processing applies (step 6).
    case unusableRecord(domain: String, problem: DMARCRecordProblem)
    /// A DNS lookup failed for a reason that may pass (timeout, SERVFAIL, …).
    case temporaryFailure(domain: String, reason: String)
    /// The author domain is not a domain name a DMARC record could be published under.
    case invalidAuthorDomain(String)
}

/// Finds the DMARC record that governs an author domain: the TXT records at
/// `_dmarc.<author domain>`, then, if that holds no DMARC record, at
/// `_dmarc.<organizational domain>` (RFC 7489 §6.6.3). TXT records that do not start with
/// `v=DMARC1` are not DMARC records and are ignored.
public struct DMARCPolicyDiscovery: Sendable {
    private let resolver: any DNSResolving
    private let publicSuffixList: PublicSuffixList

    public init(resolver: any DNSResolving, publicSuffixList: PublicSuffixList) {
        self.resolver = resolver
        self.publicSuffixList = publicSuffixList
    }

    /// Looks the policy up for `authorDomain` (the domain of the From: address).
    public func discover(authorDomain: String) async -> DMARCDiscoveryOutcome {
        guard let author = DomainLabels.validatedCanonical(authorDomain),
              let organizational = publicSuffixList.canonicalOrganizationalDomain(of: authorDomain),
              let authorName = Self.policyName(for: author) else {
            return .invalidAuthorDomain(authorDomain)
        }
        switch await lookUp(authorName, domain: author, isOrganizationalDomain: false) {
        case .some(let outcome): return outcome
        case .none: break
        }
        guard organizational != author, let organizationalName = Self.policyName(for: organizational) else { return .noRecord }
        return await lookUp(organizationalName, domain: organizational, isOrganizationalDomain: true) ?? .noRecord
    }

    /// `_dmarc.<domain>` as a DNS name, or nil when the result is not a valid name.
    private static func policyName(for domain: String) -> DNSName? {
        try? DNSName("_dmarc." + domain)
    }

    /// The outcome of one lookup, or nil when the name holds no DMARC record.
    private func lookUp(_ name: DNSName, domain: String, isOrganizationalDomain: Bool) async -> DMARCDiscoveryOutcome? {
        let answer: DNSLookupResult<[TextRecord]>
        do {
            answer = try await resolver.textRecords(of: name)
        } catch {
            return .temporaryFailure(domain: domain, reason: error.description)
        }
        guard case .found(let records) = answer else { return nil }
        let texts = records.map(\.joinedText).filter(DMARCRecord.isDMARCRecord)
        guard let text = texts.first else { return nil }
        guard texts.count == 1 else { return .multipleRecords(domain: domain) }
        do {
            let record = try DMARCRecord(parsing: text)
            return .found(record: record, domain: domain, isOrganizationalDomain: isOrganizationalDomain)
        } catch {
            return .unusableRecord(domain: domain, problem: error)
        }
    }
}
