import DNSResolver
import Foundation
import MailAuth

/// Short ways to write ``DNSAnswerTable`` answers and build a verifier over them.
enum SPFTestDNS {
    typealias Answer = DNSAnswerTable.Answer

    static func txt(_ texts: String...) -> Answer {
        .records(texts.map { .text(TextRecord([$0])) })
    }

    static func a(_ addresses: String...) -> Answer {
        .records(addresses.map { .ipv4Address(IPAddress($0)!) })
    }

    static func aaaa(_ addresses: String...) -> Answer {
        .records(addresses.map { .ipv6Address(IPAddress($0)!) })
    }

    /// MX records with preferences 10, 20, … in the order given.
    static func mx(_ hosts: String...) -> Answer {
        .records(hosts.enumerated().map {
            .mailExchanger(MailExchanger(preference: UInt16(10 * ($0.offset + 1)), exchange: try! DNSName($0.element)))
        })
    }

    static func ptr(_ names: String...) -> Answer {
        .records(names.map { .pointer(try! DNSName($0)) })
    }

    static func ip(_ text: String) -> IPAddress {
        IPAddress(text)!
    }

    /// A verifier over `answers`, and the table to inspect its queries.
    static func verifier(_ answers: [String: Answer],
                         now: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 1_700_000_000) })
        -> (SPFVerifier, DNSAnswerTable) {
        let table = DNSAnswerTable(answers)
        return (SPFVerifier(resolver: table, receivingHostname: "mx.receiver.example", now: now), table)
    }

    /// check_host() for `domain` with sender "user@domain" and HELO "helo.example.net".
    static func check(_ answers: [String: Answer], client: String = "192.0.2.3", domain: String = "example.org")
        async -> (SPFEvaluation, [String]) {
        let (verifier, table) = verifier(answers)
        let evaluation = await verifier.checkHost(client: ip(client), domain: domain, sender: "user@" + domain, helo: "helo.example.net")
        return (evaluation, table.queries)
    }
}
