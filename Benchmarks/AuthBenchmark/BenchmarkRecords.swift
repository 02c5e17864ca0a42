import DNSResolver
import MailAuth

/// The DNS data the benchmark checks against: the two DKIM keys, and an SPF policy with an
/// include, an a and an mx term (three DNS-querying terms, as a typical ISP record has).
struct BenchmarkRecords {
    static let domain = "sender.test"
    static let spfRecord = "v=spf1 ip4:192.0.2.0/24 include:_spf.sender.test mx -all"

    let keys: [DKIMSigningKey]

    private var texts: [(String, [String])] {
        [("rsa2048._domainkey.\(Self.domain)", keys[0].dnsRecordStrings),
         ("ed25519._domainkey.\(Self.domain)", keys[1].dnsRecordStrings),
         (Self.domain, [Self.spfRecord]),
         ("_spf.\(Self.domain)", ["v=spf1 ip4:203.0.113.0/24 a:out.sender.test -all"])]
    }

    /// The records as dnsmasq options, one per line.
    var dnsmasqOptions: [String] {
        texts.map { "--txt-record=\($0.0)," + $0.1.joined(separator: ",") } + [
            "--auth-zone=\(Self.domain)", "--auth-server=ns.\(Self.domain),127.0.0.1",
            "--mx-host=\(Self.domain),mx1.\(Self.domain),10", "--host-record=mx1.\(Self.domain),198.51.100.77",
            "--host-record=out.\(Self.domain),203.0.113.5",
        ]
    }

    /// The same records answered from memory.
    var table: AnswerTable {
        var answers: [String: [DNSRecordData]] = [:]
        for (name, strings) in texts { answers["\(name) TXT"] = [.text(TextRecord(strings))] }
        if let exchange = try? DNSName("mx1.\(Self.domain)") {
            answers["\(Self.domain) MX"] = [.mailExchanger(MailExchanger(preference: 10, exchange: exchange))]
        }
        answers["mx1.\(Self.domain) A"] = IPAddress("198.51.100.77").map { [.ipv4Address($0)] }
        answers["out.\(Self.domain) A"] = IPAddress("203.0.113.5").map { [.ipv4Address($0)] }
        return AnswerTable(answers: answers)
    }
}

/// DNS answers from memory: "name TYPE" to records; anything else exists with no data.
struct AnswerTable: DNSResolving {
    let answers: [String: [DNSRecordData]]

    func resolve(_ name: DNSName, type: DNSRecordType) async throws(DNSResolverError) -> DNSLookupResult<DNSRecordSet> {
        var key = name.lowercased().description
        if key.hasSuffix(".") { key.removeLast() }
        guard let data = answers["\(key) \(type)"] else { return .noData }
        return .found(DNSRecordSet(name: name, canonicalName: name,
                                   records: data.map { DNSResourceRecord(name: name, timeToLive: 300, data: $0) }))
    }
}
