/// Identifier alignment (RFC 7489 §3.1): whether a domain that SPF or DKIM authenticated
/// belongs to the author domain.
struct DMARCAlignment {
    let publicSuffixList: PublicSuffixList

    /// Strict: the two names are equal. Relaxed: their organizational domains are equal.
    /// Case and a trailing dot do not matter; unusable names never align.
    func isAligned(_ authenticated: String, with authorDomain: String, mode: DMARCAlignmentMode) -> Bool {
        switch mode {
        case .strict:
            guard let left = DomainLabels.canonical(authenticated) else { return false }
            return left == DomainLabels.canonical(authorDomain)
        case .relaxed:
            guard let left = publicSuffixList.canonicalOrganizationalDomain(of: authenticated) else { return false }
            return left == publicSuffixList.canonicalOrganizationalDomain(of: authorDomain)
        }
    }
}
