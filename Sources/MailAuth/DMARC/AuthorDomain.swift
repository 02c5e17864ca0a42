import MailCore

/// The author domain of a message for DMARC (RFC 7489 §6.6.1): the domain of the address
/// in its one From: field.
public enum AuthorDomain {
    /// The largest number of header fields looked at: far beyond any real message, and it
    /// still sees every From: field a hostile one might hide further down.
    public static let maximumHeaderFields = 100_000

    /// The author domain of the message (or header section) in `bytes`, lower-cased and
    /// without a trailing dot.
    ///
    /// There must be exactly one From: field; it may hold several addresses only if they all
    /// share one domain. Groups, addresses without a domain and address literals are refused.
    public static func extract(fromHeaderSection bytes: [UInt8]) -> Result<String, AuthorDomainProblem> {
        extract(from: MessageHeader(parsing: bytes, maximumFields: maximumHeaderFields))
    }

    /// The author domain from an already parsed header (see ``extract(fromHeaderSection:)``).
    /// A header parsed with a field limit may miss From: fields beyond it.
    public static func extract(from header: MessageHeader) -> Result<String, AuthorDomainProblem> {
        let fromFields = header.fields(named: "From")
        guard let field = fromFields.first else { return .failure(.noFromField) }
        guard fromFields.count == 1 else { return .failure(.severalFromFields(count: fromFields.count)) }
        return domain(ofFromValue: header.unfoldedValue(of: field))
    }

    /// The author domain from the value of a From: field. The first two different domains
    /// end the search (``AuthorDomainProblem/severalDomains(_:)``).
    public static func domain(ofFromValue value: String) -> Result<String, AuthorDomainProblem> {
        var domains = [String]()
        for entry in AddressListParser.parse(value) {
            guard case .mailbox(let mailbox) = entry else { return .failure(.groupSyntax) }
            guard let written = mailbox.domain, !written.isEmpty else { return .failure(.addressWithoutDomain) }
            guard let domain = validDomain(written) else { return .failure(.invalidDomain(written)) }
            if !domains.contains(domain) { domains.append(domain) }
            if domains.count > 1 { return .failure(.severalDomains(domains)) }
        }
        guard let first = domains.first else { return .failure(.noAddress) }
        return .success(first)
    }

    /// The domain lower-cased without a trailing dot, if it can be a DNS name once its
    /// U-labels are written as A-labels.
    private static func validDomain(_ written: String) -> String? {
        guard DomainLabels.validatedCanonical(written) != nil,
              let labels = DomainLabels.lowercasedLabels(of: written) else { return nil }
        return labels.joined(separator: ".")
    }
}
