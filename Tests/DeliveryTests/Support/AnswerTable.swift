import DNSResolver

/// A DNS answer table for the delivery tests: "name TYPE" (name in lower case) to an answer,
/// or to a temporary failure. A name or type not in the table has no data.
struct AnswerTable: DNSResolving {
    enum Answer { case records([DNSRecordData]), nameDoesNotExist, failure }
    var answers: [String: Answer]

    func resolve(_ name: DNSName, type: DNSRecordType) async throws(DNSResolverError) -> DNSLookupResult<DNSRecordSet> {
        switch answers["\(name.lowercased()) \(type)"] {
        case .records(let data)?:
            return .found(DNSRecordSet(name: name, canonicalName: name,
                                       records: data.map { DNSResourceRecord(name: name, timeToLive: 60, data: $0) }))
        case .nameDoesNotExist?: return .nameDoesNotExist
        case .failure?: throw .timedOut(name: name, type: type)
        case nil: return .noData
        }
    }
}
