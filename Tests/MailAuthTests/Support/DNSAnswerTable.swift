import DNSResolver
import Locking

/// A DNS stand-in for the sender-authentication tests: a table from "name TYPE" (name in
/// lower case, no trailing dot, type as ``DNSRecordType`` prints it) to an answer.
/// A name or type not in the table answers NOERROR with no data. It counts the queries,
/// so tests can check the SPF lookup limits.
final class DNSAnswerTable: DNSResolving {
    enum Answer: Sendable {
        case records([DNSRecordData])
        case nameDoesNotExist
        case temporaryFailure
    }

    private let answers: [String: Answer]
    private let queryLog = Locked<[String]>([])

    init(_ answers: [String: Answer]) {
        self.answers = answers
    }

    /// Every query asked so far, as "name TYPE", in order.
    var queries: [String] { queryLog.withLock { $0 } }

    func resolve(_ name: DNSName, type: DNSRecordType) async throws(DNSResolverError) -> DNSLookupResult<DNSRecordSet> {
        var key = name.lowercased().description
        if key.hasSuffix(".") { key.removeLast() }
        key += " \(type)"
        queryLog.withLock { $0.append(key) }
        switch answers[key] {
        case .records(let data)?:
            return .found(DNSRecordSet(name: name, canonicalName: name,
                                       records: data.map { DNSResourceRecord(name: name, timeToLive: 60, data: $0) }))
        case .nameDoesNotExist?: return .nameDoesNotExist
        case .temporaryFailure?: throw .timedOut(name: name, type: type)
        case nil: return .noData
        }
    }
}
