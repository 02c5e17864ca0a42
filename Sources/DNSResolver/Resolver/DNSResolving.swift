/// Something that answers DNS lookups: the ``StubResolver``, or a stand-in in other modules'
/// tests. The typed lookups (MX, TXT, PTR, …) are built on ``resolve(_:type:)``, so a stand-in
/// implements only that.
public protocol DNSResolving: Sendable {
    /// Looks up the records of `type` at `name`, following CNAME aliases unless `type` is CNAME.
    func resolve(_ name: DNSName, type: DNSRecordType) async throws(DNSResolverError) -> DNSLookupResult<DNSRecordSet>
}

extension DNSResolving {
    /// The IPv4 addresses of `name` (A records).
    public func ipv4Addresses(of name: DNSName) async throws(DNSResolverError) -> DNSLookupResult<[IPAddress]> {
        try await lookup(name, type: .a) { if case .ipv4Address(let address) = $0 { address } else { nil } }
    }

    /// The IPv6 addresses of `name` (AAAA records).
    public func ipv6Addresses(of name: DNSName) async throws(DNSResolverError) -> DNSLookupResult<[IPAddress]> {
        try await lookup(name, type: .aaaa) { if case .ipv6Address(let address) = $0 { address } else { nil } }
    }

    /// The mail exchangers of `domain`, lowest preference first (ties ordered by name, so the
    /// order is stable; RFC 5321 §5.1 leaves shuffling equal preferences to the sender).
    /// A null MX (RFC 7505) is returned as it is: check ``MailExchanger/isNullMX``.
    public func mailExchangers(of domain: DNSName) async throws(DNSResolverError) -> DNSLookupResult<[MailExchanger]> {
        let result = try await lookup(domain, type: .mx) { if case .mailExchanger(let exchanger) = $0 { exchanger } else { nil } }
        return result.map { exchangers in
            exchangers.sorted {
                ($0.preference, $0.exchange.lowercased().description) < ($1.preference, $1.exchange.lowercased().description)
            }
        }
    }

    /// The TXT records of `name`, each with its character-strings kept apart.
    public func textRecords(of name: DNSName) async throws(DNSResolverError) -> DNSLookupResult<[TextRecord]> {
        try await lookup(name, type: .txt) { if case .text(let record) = $0 { record } else { nil } }
    }

    /// The names an address points back to (PTR records at its in-addr.arpa or ip6.arpa name).
    public func pointerNames(for address: IPAddress) async throws(DNSResolverError) -> DNSLookupResult<[DNSName]> {
        let reverseName: DNSName
        do { reverseName = try address.reverseName() } catch { throw .invalidName(error) }
        return try await lookup(reverseName, type: .ptr) { if case .pointer(let target) = $0 { target } else { nil } }
    }

    /// The TLSA records at `name` (for SMTP: `_25._tcp.` followed by the MX host, RFC 7672 §2.2).
    /// DANE also needs to know whether the answer was DNSSEC-validated: ``resolve(_:type:)``
    /// gives the records with ``DNSRecordSet/authenticatedData``.
    public func tlsaRecords(of name: DNSName) async throws(DNSResolverError) -> DNSLookupResult<[TLSARecord]> {
        try await lookup(name, type: .tlsa) { if case .tlsa(let record) = $0 { record } else { nil } }
    }

    /// Resolves and extracts one kind of data from the records; found records that carry
    /// none of it count as no data.
    private func lookup<Value: Sendable>(
        _ name: DNSName, type: DNSRecordType, extract: (DNSRecordData) -> Value?
    ) async throws(DNSResolverError) -> DNSLookupResult<[Value]> {
        switch try await resolve(name, type: type) {
        case .found(let set):
            let values = set.records.compactMap { extract($0.data) }
            return values.isEmpty ? .noData : .found(values)
        case .noData: return .noData
        case .nameDoesNotExist: return .nameDoesNotExist
        }
    }
}
