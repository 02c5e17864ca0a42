import DNSResolver
import Foundation
import MailAuth
import Locking
import Testing

/// The processing limits of RFC 7208 §4.6.4, counted through the answer table's query log.
@Suite struct SPFLimitTests {
    typealias DNS = SPFTestDNS

    /// "a:h1.example.org … a:hN.example.org" with every name answering an address.
    static func zone(aTerms: Int, then rest: String) -> [String: DNS.Answer] {
        var zone: [String: DNS.Answer] = [:]
        var record = "v=spf1"
        for index in 1...aTerms {
            record += " a:h\(index).example.org"
            zone["h\(index).example.org A"] = DNS.a("203.0.113.\(index)")
        }
        zone["example.org TXT"] = DNS.txt(record + " " + rest)
        return zone
    }

    @Test func tenDNSTermsAreAllowed() async {
        let (evaluation, queries) = await DNS.check(Self.zone(aTerms: 10, then: "ip4:192.0.2.3 -all"))
        #expect(evaluation.result == .pass)
        #expect(evaluation.dnsLookupCount == 10)
        #expect(queries.count == 11)
    }

    @Test func theEleventhDNSTermIsPermerror() async {
        let (evaluation, queries) = await DNS.check(Self.zone(aTerms: 11, then: "ip4:192.0.2.3 -all"))
        #expect(evaluation.result == .permerror)
        #expect(evaluation.problem?.contains("10") == true && evaluation.dnsLookupCount == 10)
        // The 11th term is refused before it queries.
        #expect(queries.count == 11 && !queries.contains("h11.example.org A"))
    }

    @Test func includesAndRedirectsCountToo() async {
        var zone: [String: DNS.Answer] = ["example.org TXT": DNS.txt("v=spf1 include:loop.example.org -all")]
        zone["loop.example.org TXT"] = DNS.txt("v=spf1 include:example.org")
        let (included, includeQueries) = await DNS.check(zone)
        #expect(included.result == .permerror && included.dnsLookupCount == 10)
        // The first record, then one per include: the 11th include is refused before its query.
        #expect(includeQueries.count == 11)
        let (redirected, _) = await DNS.check(["example.org TXT": DNS.txt("v=spf1 ip4:198.51.100.1 redirect=example.org")])
        #expect(redirected.result == .permerror)
    }

    @Test func twoVoidLookupsAreAllowedNotThree() async {
        let twice = ["example.org TXT": DNS.txt("v=spf1 a:void1.example.org mx:void2.example.org ?all")]
        let (allowed, _) = await DNS.check(twice.merging(["void2.example.org MX": .nameDoesNotExist]) { $1 })
        #expect(allowed.result == .neutral)
        let thrice = ["example.org TXT": DNS.txt("v=spf1 a:void1.example.org exists:void2.example.org ptr:void3.example.org ?all")]
        let (refused, queries) = await DNS.check(thrice)
        #expect(refused.result == .permerror)
        #expect(queries == ["example.org TXT", "void1.example.org A", "void2.example.org A", "3.2.0.192.in-addr.arpa PTR"])
    }

    @Test func atMostTenMXNamesPerMechanism() async {
        var zone: [String: DNS.Answer] = ["example.org TXT": DNS.txt("v=spf1 mx -all")]
        let names = (1...11).map { "mx\($0).example.org" }
        zone["example.org MX"] = .records(names.enumerated().map {
            .mailExchanger(MailExchanger(preference: UInt16($0.offset), exchange: try! DNSName($0.element)))
        })
        for name in names { zone["\(name) A"] = DNS.a(name == "mx11.example.org" ? "192.0.2.3" : "203.0.113.1") }
        let (evaluation, queries) = await DNS.check(zone)
        #expect(evaluation.result == .permerror)
        #expect(queries.filter { $0.hasSuffix(" A") }.count == 10)
        // Matching within the first ten is fine.
        let (early, _) = await DNS.check(zone, client: "203.0.113.1")
        #expect(early.result == .pass)
    }

    @Test func atMostTenPTRNamesAreValidated() async {
        var zone: [String: DNS.Answer] = ["example.org TXT": DNS.txt("v=spf1 ptr ?all")]
        let names = (1...11).map { "host\($0).example.org" }
        zone["3.2.0.192.in-addr.arpa PTR"] = .records(names.map { .pointer(try! DNSName($0)) })
        zone["host11.example.org A"] = DNS.a("192.0.2.3")
        let (evaluation, queries) = await DNS.check(zone)
        #expect(evaluation.result == .neutral)
        #expect(queries.filter { $0.hasSuffix(" A") }.count == 10)
        #expect(!queries.contains("host11.example.org A"))
    }

    @Test func aSlowCheckIsTemperror() async {
        let clock = Locked(Date(timeIntervalSince1970: 0))
        let now: @Sendable () -> Date = { clock.withLock { $0 += 15; return $0 } }
        let (verifier, _) = DNS.verifier(Self.zone(aTerms: 3, then: "-all"), now: now)
        let evaluation = await verifier.checkHost(client: DNS.ip("192.0.2.3"), domain: "example.org",
                                                  sender: "user@example.org", helo: "helo.example.net")
        #expect(evaluation.result == .temperror)
    }
}
