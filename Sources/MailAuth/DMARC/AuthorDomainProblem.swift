/// Why a message has no single author domain for DMARC (RFC 7489 §6.6.1). A receiver
/// answers each with permerror (or refuses the message).
public enum AuthorDomainProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The header has no From: field.
    case noFromField
    /// The header has more than one From: field (RFC 5322 §3.6 allows exactly one).
    case severalFromFields(count: Int)
    /// The From: field names no mailbox.
    case noAddress
    /// The From: field is a group (`name: address;`), which RFC 5322 §3.6.2 does not allow
    /// there and which mail programs may show as the group name alone.
    case groupSyntax
    /// An address in From: has no domain.
    case addressWithoutDomain
    /// From: holds addresses in different domains.
    case severalDomains([String])
    /// The domain is not a domain name (for example an address literal `[192.0.2.1]`).
    case invalidDomain(String)

    public var description: String {
        switch self {
        case .noFromField: "the message has no From: field"
        case .severalFromFields(let count): "the message has \(count) From: fields"
        case .noAddress: "the From: field holds no address"
        case .groupSyntax: "the From: field is a group, not a mailbox list"
        case .addressWithoutDomain: "an address in the From: field has no domain"
        case .severalDomains(let domains): "the From: field holds addresses in several domains: \(domains.joined(separator: ", "))"
        case .invalidDomain(let domain): "\"\(domain)\" in the From: field is not a domain name"
        }
    }
}
