import DNSResolver

/// A mechanism of an SPF record (RFC 7208 §5): what a directive tests the client against.
public enum SPFMechanism: Sendable, Hashable {
    /// `all`: always matches (§5.1).
    case all
    /// `include:domain`: matches when the other domain's policy passes (§5.2).
    case include(SPFMacroString)
    /// `a[:domain][/cidr]`: the client is one of the domain's addresses (§5.3).
    case a(SPFMacroString?, SPFDualCIDRLength)
    /// `mx[:domain][/cidr]`: the client is one of the domain's mail exchangers (§5.4).
    case mx(SPFMacroString?, SPFDualCIDRLength)
    /// `ptr[:domain]`: the client's validated reverse name lies in the domain (§5.5, deprecated).
    case ptr(SPFMacroString?)
    /// `ip4:network[/length]` (§5.6).
    case ip4(IPAddress, prefixLength: Int)
    /// `ip6:network[/length]` (§5.6).
    case ip6(IPAddress, prefixLength: Int)
    /// `exists:domain`: the domain has an A record (§5.7).
    case exists(SPFMacroString)

    /// Whether evaluating it queries DNS, so it counts against the limit of 10 (§4.6.4).
    public var queriesDNS: Bool {
        switch self {
        case .all, .ip4, .ip6: false
        case .include, .a, .mx, .ptr, .exists: true
        }
    }
}

extension SPFMechanism: CustomStringConvertible {
    /// The mechanism as written in a record.
    public var description: String {
        switch self {
        case .all: "all"
        case .include(let domain): "include:\(domain)"
        case .a(let domain, let lengths): "a" + (domain.map { ":\($0)" } ?? "") + lengths.suffix
        case .mx(let domain, let lengths): "mx" + (domain.map { ":\($0)" } ?? "") + lengths.suffix
        case .ptr(let domain): "ptr" + (domain.map { ":\($0)" } ?? "")
        case .ip4(let network, let length): "ip4:\(network)" + (length == 32 ? "" : "/\(length)")
        case .ip6(let network, let length): "ip6:\(network)" + (length == 128 ? "" : "/\(length)")
        case .exists(let domain): "exists:\(domain)"
        }
    }
}

/// A directive: a qualifier and a mechanism (RFC 7208 §4.6.2).
public struct SPFDirective: Sendable, Hashable, CustomStringConvertible {
    /// The result when the mechanism matches.
    public var qualifier: SPFQualifier
    /// The test.
    public var mechanism: SPFMechanism

    /// A directive of `mechanism` giving `qualifier`'s result on a match.
    public init(_ qualifier: SPFQualifier, _ mechanism: SPFMechanism) {
        self.qualifier = qualifier
        self.mechanism = mechanism
    }

    /// The directive as written, "-all", "include:example.org", …
    public var description: String { qualifier.prefix + mechanism.description }
}
