import DNSResolver

extension SPFCheckHost {
    /// Whether the client matches `mechanism` (§5). DNS failures are temporary errors,
    /// except where §5.5 says a lookup failure only means no match.
    mutating func matches(_ mechanism: SPFMechanism, in scope: Scope) async throws(SPFFailure) -> Bool {
        let client = context.client
        switch mechanism {
        case .all:
            return true
        case .ip4(let network, let length):
            return client.family == .ipv4 && Self.address(client, isIn: network, prefixLength: length)
        case .ip6(let network, let length):
            return client.family == .ipv6 && Self.address(client, isIn: network, prefixLength: length)
        case .include(let target):
            return try await include(target, in: scope)
        case .a(let target, let lengths):
            guard let name = await targetName(target, in: scope) else { return false }
            let addresses = try await addresses(of: name, countsVoidLookup: true)
            return addresses.contains { Self.address(client, isIn: $0, prefixLength: lengths.length(for: client)) }
        case .mx(let target, let lengths):
            guard let name = await targetName(target, in: scope) else { return false }
            return try await mailExchangersMatch(name, prefixLength: lengths.length(for: client))
        case .ptr(let target):
            guard let name = await targetName(target, in: scope) else { return false }
            return try await !validatedNames(inside: name, countsVoidLookup: true).isEmpty
        case .exists(let target):
            guard let name = await targetName(target, in: scope) else { return false }
            try checkTime()
            // Always an A lookup, whatever the client's family (§5.7).
            let answer: DNSLookupResult<[IPAddress]>
            do { answer = try await resolver.ipv4Addresses(of: name) } catch { throw Self.lookupFailure(name, error) }
            guard case .found = answer else { try countVoidLookup(); return false }
            return true
        }
    }

    /// `include` (§5.2): the other domain's pass matches; fail, softfail and neutral do not;
    /// its errors are ours; "none" there is a permanent error here.
    private mutating func include(_ target: SPFMacroString, in scope: Scope) async throws(SPFFailure) -> Bool {
        let domain = await expand(target, in: scope, for: .domain)
        let outcome = await checkHost(domain: domain, wantsExplanation: false)
        switch outcome.result {
        case .pass: return true
        case .fail, .softfail, .neutral: return false
        case .temperror: throw .temporary(outcome.problem ?? "include:\(target) failed temporarily")
        case .permerror: throw .permanent(outcome.problem ?? "include:\(target) is broken")
        case .none: throw .permanent("include:\(String(decoding: domain, as: UTF8.self)) found no SPF record")
        }
    }

    /// `mx` (§5.4): the addresses of at most 10 exchangers; needing an 11th is a permanent error (§4.6.4).
    private mutating func mailExchangersMatch(_ name: DNSName, prefixLength: Int) async throws(SPFFailure) -> Bool {
        try checkTime()
        let answer: DNSLookupResult<[MailExchanger]>
        do { answer = try await resolver.mailExchangers(of: name) } catch { throw Self.lookupFailure(name, error) }
        guard case .found(let exchangers) = answer else { try countVoidLookup(); return false }
        var looked = 0
        // A null MX (RFC 7505) names no host.
        for exchanger in exchangers where !exchanger.exchange.isRoot {
            looked += 1
            guard looked <= SPFLimits.maximumMXNames else {
                throw .permanent("\(SPFDomainName.text(name)) has more than \(SPFLimits.maximumMXNames) MX names to check (RFC 7208 §4.6.4)")
            }
            let addresses = try await addresses(of: exchanger.exchange, countsVoidLookup: false)
            if addresses.contains(where: { Self.address(context.client, isIn: $0, prefixLength: prefixLength) }) { return true }
        }
        return false
    }

    /// The A (IPv4 client) or AAAA (IPv6 client) addresses of `name` (§5).
    mutating func addresses(of name: DNSName, countsVoidLookup: Bool) async throws(SPFFailure) -> [IPAddress] {
        try checkTime()
        let answer: DNSLookupResult<[IPAddress]>
        do {
            answer = context.client.family == .ipv4
                ? try await resolver.ipv4Addresses(of: name) : try await resolver.ipv6Addresses(of: name)
        } catch {
            throw Self.lookupFailure(name, error)
        }
        guard case .found(let addresses) = answer else {
            if countsVoidLookup { try countVoidLookup() }
            return []
        }
        return addresses
    }

    /// The name a mechanism queries: its expanded domain-spec, or `<domain>` when it has none.
    /// Nil when the expansion is no valid name: the mechanism then matches nothing.
    private mutating func targetName(_ target: SPFMacroString?, in scope: Scope) async -> DNSName? {
        guard let target else { return scope.name }
        return SPFDomainName.targetName(await expand(target, in: scope, for: .domain))
    }

    static func lookupFailure(_ name: DNSName, _ error: DNSResolverError) -> SPFFailure {
        .temporary("a DNS lookup for \(SPFDomainName.text(name)) failed: \(error)")
    }

    /// Whether the first `prefixLength` bits of `address` equal those of `network` (same family).
    static func address(_ address: IPAddress, isIn network: IPAddress, prefixLength: Int) -> Bool {
        IPNetwork(address: network, prefixLength: prefixLength)?.contains(address) ?? false
    }
}

extension SPFDualCIDRLength {
    /// The prefix length that applies to `client`'s family.
    func length(for client: IPAddress) -> Int {
        client.family == .ipv4 ? ipv4 : ipv6
    }
}
