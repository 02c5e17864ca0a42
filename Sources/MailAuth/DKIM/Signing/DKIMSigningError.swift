/// Why a message could not be signed, or a signing key not made or read.
public enum DKIMSigningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message has no From field, which every DKIM signature must sign (RFC 6376 §5.4).
    case missingFromField
    /// The header section begins with a folded (whitespace) line, which RFC 5322 §2.2.3 does
    /// not allow: a signature field put in front of it would absorb that line and break.
    case headerStartsWithContinuation
    /// The signing domain is not a domain name.
    case invalidDomain(String)
    /// The selector is not dot-separated labels.
    case invalidSelector(String)
    /// The signing or key generation itself failed.
    case cryptographyFailed(String)
    /// A PEM text is not a private key of a supported kind.
    case unreadableKey(String)

    public var description: String {
        switch self {
        case .missingFromField: "the message has no From field to sign"
        case .headerStartsWithContinuation: "the message's header section begins with a folded line"
        case .invalidDomain(let domain): "\(domain) is not a domain name"
        case .invalidSelector(let selector): "\(selector) is not a selector"
        case .cryptographyFailed(let detail): "signing failed: \(detail)"
        case .unreadableKey(let detail): "not a usable private key: \(detail)"
        }
    }
}
