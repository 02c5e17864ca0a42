import DNSResolver
import MailAuth

/// A small DNS zone for SPF tests, written as name → records, answering through a
/// ``DNSAnswerTable`` (so queries are logged). Names not in the zone answer NXDOMAIN.
struct SPFTestZone: Sendable {
    /// One entry of a name.
    enum Record: Sendable {
        /// A TXT record made of these strings.
        case txt([String])
        /// A record of the retired SPF type: served as TXT when the name has no TXT entry
        /// (the test suite's convention; SPF-type records are never queried, RFC 7208 §3.1).
        case spf([String])
        /// "No TXT records here", which also stops SPF entries from being served as TXT.
        case noTXT
        case a(String)
        case aaaa(String)
        case mx(UInt16, String)
        case ptr(String)
        case cname(String)
        /// Every query for a type the name has no entry of times out.
        case timeout

        static func txt(_ strings: String...) -> Record { .txt(strings) }
        static func spf(_ strings: String...) -> Record { .spf(strings) }
    }

    let entries: [String: [Record]]

    init(_ entries: [String: [Record]]) {
        self.entries = entries
    }

    /// A resolver answering from this zone.
    func resolver() -> SPFZoneResolver {
        var answers: [String: DNSAnswerTable.Answer] = [:]
        var existing: Set<DNSName> = []
        let byName = Dictionary(entries.map { (Self.name($0.key).lowercased(), $0.value) }, uniquingKeysWith: +)
        for name in byName.keys {
            existing.insert(name)
            for type in [DNSRecordType.a, .aaaa, .mx, .ptr, .txt] {
                if let answer = Self.answer(name, type, in: byName, visited: []) {
                    answers["\(name.description) \(type)"] = answer
                }
            }
        }
        return SPFZoneResolver(table: DNSAnswerTable(answers), existingNames: existing)
    }

    /// The answer for one name and type, following CNAME entries; nil for "no data".
    private static func answer(_ name: DNSName, _ type: DNSRecordType, in zone: [DNSName: [Record]],
                               visited: Set<DNSName>) -> DNSAnswerTable.Answer? {
        guard let records = zone[name] else { return .nameDoesNotExist }
        let found = records.compactMap { data(of: $0, type: type, allRecords: records) }
        if !found.isEmpty { return .records(found) }
        for case .cname(let target) in records {
            let targetName = self.name(target).lowercased()
            if visited.contains(targetName) || targetName == name { return .temporaryFailure }
            return answer(targetName, type, in: zone, visited: visited.union([name]))
        }
        if records.contains(where: { if case .timeout = $0 { true } else { false } }) { return .temporaryFailure }
        return nil
    }

    private static func data(of record: Record, type: DNSRecordType, allRecords: [Record]) -> DNSRecordData? {
        switch (record, type) {
        case (.txt(let strings), .txt): return .text(TextRecord(strings))
        case (.spf(let strings), .txt):
            let hasTXT = allRecords.contains { switch $0 { case .txt, .noTXT: true; default: false } }
            return hasTXT ? nil : .text(TextRecord(strings))
        case (.a(let text), .a): return IPAddress(text).map(DNSRecordData.ipv4Address)
        case (.aaaa(let text), .aaaa): return IPAddress(text).map(DNSRecordData.ipv6Address)
        case (.mx(let preference, let host), .mx):
            return .mailExchanger(MailExchanger(preference: preference, exchange: name(host)))
        case (.ptr(let host), .ptr): return .pointer(name(host))
        default: return nil
        }
    }

    /// A name from its dotted text, labels taken as written (no escapes), final dot ignored.
    static func name(_ text: String) -> DNSName {
        let labels = text.split(separator: ".").map { Array($0.utf8) }
        return (try? DNSName(labels: labels)) ?? .root
    }
}

/// Answers from an ``SPFTestZone``: NXDOMAIN for names outside it, the table for the rest.
struct SPFZoneResolver: DNSResolving {
    let table: DNSAnswerTable
    let existingNames: Set<DNSName>

    func resolve(_ name: DNSName, type: DNSRecordType) async throws(DNSResolverError) -> DNSLookupResult<DNSRecordSet> {
        let answer = try await table.resolve(name, type: type)
        return existingNames.contains(name) ? answer : .nameDoesNotExist
    }
}
