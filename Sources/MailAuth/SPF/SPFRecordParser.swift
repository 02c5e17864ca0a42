import DNSResolver

/// Reads the terms of a record one at a time (RFC 7208 §4.6.1, §12), collecting directives
/// and modifiers. Every term is checked, so an error anywhere in the record is found.
struct SPFRecordParser {
    private(set) var directives: [SPFDirective] = []
    private(set) var redirect: SPFMacroString?
    private(set) var explanation: SPFMacroString?

    /// Parses one space-separated term.
    mutating func parse(term: ArraySlice<UInt8>) throws(SPFRecordParseError) {
        guard term.allSatisfy(SPFCharacter.isVisible) else { throw .invalidCharacter(term: Self.text(term)) }
        if let equals = Self.modifierNameEnd(term) {
            try parseModifier(name: term[..<equals], value: term[(equals + 1)...], term: term)
        } else {
            directives.append(try Self.parseDirective(term))
        }
    }

    /// The index of the "=" when the term is a modifier: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ).
    private static func modifierNameEnd(_ term: ArraySlice<UInt8>) -> Int? {
        guard let first = term.first, SPFCharacter.isLetter(first) else { return nil }
        for index in term.indices.dropFirst() {
            let byte = term[index]
            if byte == UInt8(ascii: "=") { return index }
            guard SPFCharacter.isLetter(byte) || SPFCharacter.isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: ".") else { return nil }
        }
        return nil
    }

    private mutating func parseModifier(
        name: ArraySlice<UInt8>, value: ArraySlice<UInt8>, term: ArraySlice<UInt8>
    ) throws(SPFRecordParseError) {
        switch SPFCharacter.lowercasedText(name) {
        case "redirect":
            guard redirect == nil else { throw .duplicateModifier("redirect") }
            redirect = try Self.domainSpec(value, term: term)
        case "exp":
            guard explanation == nil else { throw .duplicateModifier("exp") }
            explanation = try Self.domainSpec(value, term: term)
        default:
            // Unknown modifiers are ignored, but their value must be a valid macro-string (§6, A).
            do { _ = try SPFMacroString(parsing: value, context: .record) } catch {
                throw .invalidMacro(term: Self.text(term), error)
            }
        }
    }

    private static func parseDirective(_ term: ArraySlice<UInt8>) throws(SPFRecordParseError) -> SPFDirective {
        var rest = term
        var qualifier = SPFQualifier.pass
        if let first = rest.first, let written = SPFQualifier(byte: first) {
            qualifier = written
            rest = rest.dropFirst()
        }
        let nameEnd = rest.firstIndex { !SPFCharacter.isLetter($0) && !SPFCharacter.isDigit($0) } ?? rest.endIndex
        let argument = rest[nameEnd...]
        let mechanism: SPFMechanism
        switch SPFCharacter.lowercasedText(rest[..<nameEnd]) {
        case "all":
            guard argument.isEmpty else { throw .invalidArgument(term: text(term)) }
            mechanism = .all
        case "include":
            mechanism = .include(try requiredDomain(argument, term: term))
        case "exists":
            mechanism = .exists(try requiredDomain(argument, term: term))
        case "a":
            let (domain, lengths) = try domainAndLengths(argument, term: term)
            mechanism = .a(domain, lengths)
        case "mx":
            let (domain, lengths) = try domainAndLengths(argument, term: term)
            mechanism = .mx(domain, lengths)
        case "ptr":
            if argument.isEmpty {
                mechanism = .ptr(nil)
            } else {
                mechanism = .ptr(try requiredDomain(argument, term: term))
            }
        case "ip4":
            let (network, length) = try network(argument, family: .ipv4, term: term)
            mechanism = .ip4(network, prefixLength: length)
        case "ip6":
            let (network, length) = try network(argument, family: .ipv6, term: term)
            mechanism = .ip6(network, prefixLength: length)
        default:
            throw .unknownMechanism(text(term))
        }
        return SPFDirective(qualifier, mechanism)
    }

    /// ":" domain-spec, as `include`, `exists` and `ptr:` take it.
    private static func requiredDomain(_ argument: ArraySlice<UInt8>, term: ArraySlice<UInt8>) throws(SPFRecordParseError) -> SPFMacroString {
        guard argument.first == UInt8(ascii: ":") else { throw .invalidArgument(term: text(term)) }
        return try domainSpec(argument.dropFirst(), term: term)
    }

    /// `[ ":" domain-spec ] [ dual-cidr-length ]`, as `a` and `mx` take it (§5.3, §5.4).
    private static func domainAndLengths(
        _ argument: ArraySlice<UInt8>, term: ArraySlice<UInt8>
    ) throws(SPFRecordParseError) -> (SPFMacroString?, SPFDualCIDRLength) {
        let (domainPart, lengths) = try SPFDualCIDRLength.split(argument)
        if domainPart.isEmpty { return (nil, lengths) }
        guard domainPart.first == UInt8(ascii: ":") else { throw .invalidArgument(term: text(term)) }
        return (try domainSpec(domainPart.dropFirst(), term: term), lengths)
    }

    /// ":" network [ "/" length ], as `ip4` and `ip6` take it (§5.6).
    private static func network(
        _ argument: ArraySlice<UInt8>, family: IPAddress.Family, term: ArraySlice<UInt8>
    ) throws(SPFRecordParseError) -> (IPAddress, Int) {
        guard argument.first == UInt8(ascii: ":") else { throw .invalidArgument(term: text(term)) }
        let value = argument.dropFirst()
        let slash = value.firstIndex(of: UInt8(ascii: "/")) ?? value.endIndex
        guard let address = IPAddress(text(value[..<slash])), address.family == family else {
            throw .invalidNetwork(term: text(term))
        }
        let maximum = family == .ipv4 ? 32 : 128
        guard slash < value.endIndex else { return (address, maximum) }
        return (address, try SPFDualCIDRLength.prefixLength(value[(slash + 1)...], maximum: maximum))
    }

    private static func domainSpec(_ bytes: ArraySlice<UInt8>, term: ArraySlice<UInt8>) throws(SPFRecordParseError) -> SPFMacroString {
        let domain: SPFMacroString
        do { domain = try SPFMacroString(parsing: bytes, context: .record) } catch {
            throw .invalidMacro(term: text(term), error)
        }
        guard domain.isValidDomainSpec else { throw .invalidDomainSpec(term: text(term)) }
        return domain
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
