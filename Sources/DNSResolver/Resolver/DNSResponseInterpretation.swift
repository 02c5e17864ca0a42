/// What a validated NOERROR or NXDOMAIN response says about one name and type.
enum DNSResponseInterpretation: Equatable {
    /// Records of the type were found at `canonicalName`, reached through `aliases`.
    case records([DNSResourceRecord], canonicalName: DNSName, aliases: [DNSResourceRecord])
    /// The answer follows CNAMEs to `target` but says nothing about the target: ask again there.
    case alias(target: DNSName, aliases: [DNSResourceRecord])
    /// NOERROR without records of the type; `negativeTimeToLive` is nil when no SOA came with it.
    case noData(negativeTimeToLive: UInt32?, aliases: [DNSResourceRecord])
    /// NXDOMAIN (for the end of the CNAME chain if `aliases` is not empty).
    case nameDoesNotExist(negativeTimeToLive: UInt32?, aliases: [DNSResourceRecord])
    /// Another response code; the resolver does not pass such responses here.
    case errorResponse(DNSResponseCode)

    /// Reads `response` as the answer to `type` at `name`, following the CNAME records it
    /// contains (RFC 1034 §3.6.2). Records of other classes are ignored.
    static func interpret(_ response: DNSMessage, name: DNSName, type: DNSRecordType) -> DNSResponseInterpretation {
        let code = response.responseCode
        guard code == .noError || code == .nameError else { return .errorResponse(code) }
        let answers = response.answers.filter { $0.recordClass == DNSClass.internet }
        var current = name
        var aliases: [DNSResourceRecord] = []
        var visited: Set<DNSName> = [name]
        while true {
            let matching = answers.filter { $0.name == current && $0.type == type }
            if !matching.isEmpty {
                return .records(matching, canonicalName: current, aliases: aliases)
            }
            guard type != .cname,
                  let alias = answers.first(where: { $0.name == current && $0.type == .cname }),
                  case .canonicalName(let target) = alias.data
            else { break }
            aliases.append(alias)
            current = target
            // A loop inside one answer stops here; the resolver reports it when it sees the name again.
            guard visited.insert(target).inserted else { return .alias(target: target, aliases: aliases) }
        }
        let negativeTimeToLive = Self.negativeTimeToLive(response)
        if code == .nameError { return .nameDoesNotExist(negativeTimeToLive: negativeTimeToLive, aliases: aliases) }
        // A chain that ends without data and without an SOA leaves the target unknown:
        // the server did not follow it, so the resolver must.
        if !aliases.isEmpty, negativeTimeToLive == nil { return .alias(target: current, aliases: aliases) }
        return .noData(negativeTimeToLive: negativeTimeToLive, aliases: aliases)
    }

    /// RFC 2308 §5: a negative answer may be cached for the lesser of the SOA record's TTL
    /// and its MINIMUM field; without an SOA in the authority section it is not cached.
    static func negativeTimeToLive(_ response: DNSMessage) -> UInt32? {
        for record in response.authorities where record.recordClass == DNSClass.internet {
            if case .startOfAuthority(let soa) = record.data { return min(record.timeToLive, soa.minimum) }
        }
        return nil
    }
}
