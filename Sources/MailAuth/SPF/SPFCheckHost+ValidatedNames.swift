import DNSResolver

extension SPFCheckHost {
    /// The client's validated names (§5.5): names its PTR records give (the first 10 only,
    /// §4.6.4) whose own addresses include the client. With `target`, only names in that
    /// domain are validated, which is all the `ptr` mechanism needs. A failed PTR lookup gives
    /// no names; a name whose address lookup fails is skipped.
    mutating func validatedNames(inside target: DNSName?, countsVoidLookup: Bool) async throws(SPFFailure) -> [DNSName] {
        let answer: DNSLookupResult<[DNSName]>
        do { answer = try await resolver.pointerNames(for: context.client) } catch { return [] }
        guard case .found(let names) = answer else {
            if countsVoidLookup { try countVoidLookup() }
            return []
        }
        var validated: [DNSName] = []
        for name in names.prefix(SPFLimits.maximumPTRNames) {
            if let target, !name.isSubdomain(of: target) { continue }
            guard let addresses = try? await addresses(of: name, countsVoidLookup: false) else { continue }
            if addresses.contains(context.client) { validated.append(name) }
        }
        return validated
    }

    /// `%{p}` (§7.3): `<domain>` itself if it is a validated name, else a validated name inside
    /// it, else any validated name; nil ("unknown") when there is none.
    mutating func validatedDomainName(preferring domain: DNSName) async -> [UInt8]? {
        let names: [DNSName]
        if let cachedValidatedNames {
            names = cachedValidatedNames
        } else {
            names = (try? await validatedNames(inside: nil, countsVoidLookup: false)) ?? []
            cachedValidatedNames = names
        }
        let chosen = names.first { $0 == domain } ?? names.first { $0.isSubdomain(of: domain) } ?? names.first
        return chosen.map(SPFDomainName.dottedBytes)
    }

    /// The explanation of a "fail" (§6.2): the single TXT record at the expanded `exp=` domain,
    /// itself macro-expanded. Any problem (a bad name, a DNS error, no or several records, an
    /// invalid text) means no explanation; these lookups count against no limit.
    mutating func explanation(_ target: SPFMacroString, in scope: Scope) async -> String? {
        guard let name = SPFDomainName.targetName(await expand(target, in: scope, for: .domain)),
              let answer = try? await resolver.textRecords(of: name),
              case .found(let records) = answer, records.count == 1 else { return nil }
        let text = Array(records[0].strings.joined())
        guard let template = try? SPFMacroString(parsing: text[...], context: .explanation) else { return nil }
        return String(decoding: await expand(template, in: scope, for: .explanation), as: UTF8.self)
    }
}
