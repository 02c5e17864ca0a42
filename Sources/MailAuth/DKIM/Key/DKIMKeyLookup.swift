import DNSResolver

/// Finds the key record of a selector and domain in the DNS (RFC 6376 §3.6.2).
struct DKIMKeyLookup: Sendable {
    let resolver: any DNSResolving

    /// The record at `selector._domainkey.domain`. NXDOMAIN and an empty answer mean no key
    /// (permerror); a failed lookup is temporary (temperror). When several TXT records are
    /// there, the first one that reads as a key record is used.
    func record(selector: String, domain: String) async throws(DKIMFailureReason) -> DKIMKeyRecord {
        let text = "\(selector)._domainkey.\(domain)"
        let name: DNSName
        do { name = try DNSName(text) } catch { throw .keyNotFound(text) }
        let answer: DNSLookupResult<[TextRecord]>
        do { answer = try await resolver.textRecords(of: name) } catch { throw .keyLookupFailed(error.description) }
        guard case .found(let records) = answer else { throw .keyNotFound(text) }
        var firstError: DKIMKeyRecordError?
        for record in records.prefix(8) {
            do { return try DKIMKeyRecord(parsing: Array(record.strings.joined())) } catch { firstError = firstError ?? error }
        }
        throw .malformedKeyRecord(firstError?.description ?? "no key record at \(text)")
    }
}
