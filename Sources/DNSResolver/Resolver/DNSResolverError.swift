/// Why a lookup got no definite answer. Every case is a temporary failure in the sense of
/// SPF's "temperror" (RFC 7208 §2.6.6) and delivery's "defer", except ``invalidName`` and
/// ``noServersConfigured``, which are local mistakes.
public enum DNSResolverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No server answered within the timeout, on any attempt.
    case timedOut(name: DNSName, type: DNSRecordType)
    /// The servers answered with an error code other than NXDOMAIN: SERVFAIL, REFUSED,
    /// NOTIMP, FORMERR, …; the code of the last answer is given.
    case errorResponse(DNSResponseCode, name: DNSName, type: DNSRecordType)
    /// Every answer received was malformed or could not be validated.
    case malformedResponse(String)
    /// The servers could not be reached (for example a refused TCP connection).
    case networkFailure(String)
    /// A CNAME chain came back to a name already seen.
    case aliasLoop(DNSName)
    /// A CNAME chain was longer than the configured limit.
    case aliasChainTooLong(DNSName)
    /// A name built for the lookup is not a valid domain name.
    case invalidName(DNSNameError)
    /// The configuration lists no servers.
    case noServersConfigured

    public var description: String {
        switch self {
        case .timedOut(let name, let type): "no DNS server answered the \(type) query for \(name) in time"
        case .errorResponse(let code, let name, let type): "the DNS server answered \(code) to the \(type) query for \(name)"
        case .malformedResponse(let reason): "the DNS answer was unusable: \(reason)"
        case .networkFailure(let reason): "the DNS servers could not be reached: \(reason)"
        case .aliasLoop(let name): "the CNAME chain loops at \(name)"
        case .aliasChainTooLong(let name): "the CNAME chain from \(name) is too long"
        case .invalidName(let error): "invalid domain name: \(error)"
        case .noServersConfigured: "no DNS servers are configured"
        }
    }
}
