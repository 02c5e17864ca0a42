import DNSResolver
import MailAuth
import Testing

/// Which domain is checked for HELO, MAIL FROM and the null sender (RFC 7208 §2.3, §2.4,
/// §4.3), and the results that come before any record is evaluated (§4.3 to §4.5).
@Suite struct SPFIdentityTests {
    typealias DNS = SPFTestDNS

    static let zone: [String: DNS.Answer] = [
        "example.org TXT": DNS.txt("v=spf1 ip4:192.0.2.0/24 -all"),
        "mail.example.net TXT": DNS.txt("v=spf1 a -all exp=why.example.net"),
        "mail.example.net A": DNS.a("198.51.100.25"),
        "why.example.net TXT": DNS.txt("%{s} via %{h}"),
    ]

    @Test func mailFromChecksTheSendersDomain() async {
        let (verifier, table) = DNS.verifier(Self.zone)
        let evaluation = await verifier.checkMailFrom(client: DNS.ip("192.0.2.3"), helo: "mail.example.net", mailFrom: "<Someone@Example.ORG>")
        #expect(evaluation.result == .pass)
        #expect(evaluation.identity == .mailFrom && evaluation.domain == "Example.ORG")
        #expect(evaluation.sender == "Someone@Example.ORG")
        #expect(table.queries == ["example.org TXT"])
    }

    @Test func heloChecksTheHELOName() async {
        let (verifier, table) = DNS.verifier(Self.zone)
        let evaluation = await verifier.checkHELO(client: DNS.ip("192.0.2.3"), helo: "mail.example.net")
        #expect(evaluation.result == .fail && evaluation.identity == .helo)
        #expect(evaluation.domain == "mail.example.net" && evaluation.sender == "postmaster@mail.example.net")
        #expect(evaluation.explanation == "postmaster@mail.example.net via mail.example.net")
        #expect(table.queries.first == "mail.example.net TXT")
    }

    @Test func nullSenderChecksPostmasterAtHELO() async {
        let (verifier, _) = DNS.verifier(Self.zone)
        for mailFrom in ["", "<>"] {
            let evaluation = await verifier.checkMailFrom(client: DNS.ip("198.51.100.25"), helo: "mail.example.net", mailFrom: mailFrom)
            #expect(evaluation.result == .pass)
            #expect(evaluation.identity == .mailFrom && evaluation.sender == "postmaster@mail.example.net")
        }
    }

    @Test func senderWithoutLocalPartIsPostmaster() async {
        let (verifier, _) = DNS.verifier(Self.zone)
        let evaluation = await verifier.checkMailFrom(client: DNS.ip("192.0.2.3"), helo: "x.example.net", mailFrom: "@example.org")
        #expect(evaluation.sender == "postmaster@example.org" && evaluation.result == .pass)
    }

    @Test(arguments: ["localhost", "[192.0.2.3]", "a..example.org", String(repeating: "x", count: 64) + ".example.org", "", "example.123"])
    func uncheckableDomainsGiveNoneWithoutDNS(_ domain: String) async {
        let (verifier, table) = DNS.verifier(Self.zone)
        let evaluation = await verifier.checkMailFrom(client: DNS.ip("192.0.2.3"), helo: domain, mailFrom: "user@" + domain)
        #expect(evaluation.result == .none)
        #expect(table.queries.isEmpty)
    }

    @Test func noRecordIsNone() async {
        #expect(await DNS.check([:]).0.result == .none)
        #expect(await DNS.check(["example.org TXT": .nameDoesNotExist]).0.result == .none)
        #expect(await DNS.check(["example.org TXT": DNS.txt("google-site-verification=abc", "v=spf10")]).0.result == .none)
    }

    @Test func severalRecordsArePermerror() async {
        let (evaluation, _) = await DNS.check(["example.org TXT": DNS.txt("v=spf1 -all", "V=SPF1 +all")])
        #expect(evaluation.result == .permerror && evaluation.problem != nil)
    }

    @Test func recordStringsAreJoinedWithoutSpaces() async {
        let split: DNS.Answer = .records([.text(TextRecord(["v=spf1 ip4:192.0.2", ".3 -all"]))])
        #expect(await DNS.check(["example.org TXT": split]).0.result == .pass)
    }

    @Test func badSyntaxIsPermerror() async {
        let (evaluation, _) = await DNS.check(["example.org TXT": DNS.txt("v=spf1 ip4:192.0.2.3 -all moo")])
        #expect(evaluation.result == .permerror)
        #expect(evaluation.problem?.contains("moo") == true)
        #expect(evaluation.mechanism == nil)
    }

    @Test func dnsFailuresAreTemperror() async {
        let (failedRecord, _) = await DNS.check(["example.org TXT": .temporaryFailure])
        #expect(failedRecord.result == .temperror && failedRecord.problem != nil)
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 a:broken.example.org -all"), "broken.example.org A": .temporaryFailure,
        ]
        let (failedTerm, _) = await DNS.check(zone)
        #expect(failedTerm.result == .temperror)
        #expect(failedTerm.problem?.contains("broken.example.org") == true)
    }
}
