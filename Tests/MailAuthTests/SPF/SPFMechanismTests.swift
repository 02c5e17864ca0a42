import DNSResolver
import MailAuth
import Testing

/// Each mechanism of RFC 7208 §5 evaluated against a DNS answer table.
@Suite struct SPFMechanismTests {
    typealias DNS = SPFTestDNS

    @Test func allAndQualifiers() async {
        for (record, result) in [("+all", SPFResult.pass), ("-all", .fail), ("~all", .softfail), ("?all", .neutral), ("all", .pass)] {
            let (evaluation, queries) = await DNS.check(["example.org TXT": DNS.txt("v=spf1 " + record)])
            #expect(evaluation.result == result)
            #expect(evaluation.mechanism == (record == "+all" ? "all" : record))
            #expect(queries == ["example.org TXT"])
        }
        let (empty, _) = await DNS.check(["example.org TXT": DNS.txt("v=spf1")])
        #expect(empty.result == .neutral && empty.mechanism == nil)
    }

    @Test func ip4AndIP6() async {
        let zone = ["example.org TXT": DNS.txt("v=spf1 ip4:192.0.2.0/25 ip6:2001:db8:1::/48 -all")]
        #expect(await DNS.check(zone, client: "192.0.2.127").0.result == .pass)
        #expect(await DNS.check(zone, client: "192.0.2.128").0.result == .fail)
        #expect(await DNS.check(zone, client: "2001:db8:1:ffff::1").0.result == .pass)
        #expect(await DNS.check(zone, client: "2001:db8:2::1").0.result == .fail)
        // An IPv4-mapped IPv6 client is an IPv4 client (§5).
        let (mapped, _) = await DNS.check(zone, client: "::ffff:192.0.2.1")
        #expect(mapped.result == .pass && mapped.mechanism == "ip4:192.0.2.0/25")
    }

    @Test func aMechanism() async {
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 a a:other.example.org/24//64 -all"),
            "example.org A": DNS.a("198.51.100.1"),
            "other.example.org A": DNS.a("192.0.2.200"),
            "other.example.org AAAA": DNS.aaaa("2001:db8:5:5::1"),
        ]
        let (own, ownQueries) = await DNS.check(zone, client: "198.51.100.1")
        #expect(own.result == .pass && own.mechanism == "a")
        #expect(ownQueries == ["example.org TXT", "example.org A"])
        let (other, _) = await DNS.check(zone, client: "192.0.2.3")
        #expect(other.result == .pass && other.mechanism == "a:other.example.org/24//64")
        let (ipv6, ipv6Queries) = await DNS.check(zone, client: "2001:db8:5:5:ffff::1")
        #expect(ipv6.result == .pass)
        #expect(ipv6Queries == ["example.org TXT", "example.org AAAA", "other.example.org AAAA"])
        #expect(await DNS.check(zone, client: "203.0.113.9").0.result == .fail)
    }

    @Test func mxMechanism() async {
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 mx -all"),
            "example.org MX": DNS.mx("mx1.example.org", "mx2.example.org"),
            "mx1.example.org A": DNS.a("192.0.2.1"),
            "mx2.example.org A": DNS.a("192.0.2.3"),
        ]
        let (evaluation, queries) = await DNS.check(zone)
        #expect(evaluation.result == .pass && evaluation.mechanism == "mx")
        #expect(queries == ["example.org TXT", "example.org MX", "mx1.example.org A", "mx2.example.org A"])
        // No MX: no fallback to the domain's own address (§5.4).
        let noMX = ["example.org TXT": DNS.txt("v=spf1 mx -all"), "example.org A": DNS.a("192.0.2.3")]
        #expect(await DNS.check(noMX).0.result == .fail)
    }

    @Test func ptrMechanism() async {
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 ptr -all"),
            "3.2.0.192.in-addr.arpa PTR": DNS.ptr("forged.example.org", "mail.example.org", "mail.example.com"),
            "mail.example.org A": DNS.a("192.0.2.3"),
            "forged.example.org A": DNS.a("203.0.113.1"),
        ]
        let (evaluation, queries) = await DNS.check(zone)
        #expect(evaluation.result == .pass && evaluation.mechanism == "ptr")
        // Names outside the target domain are not validated at all.
        #expect(!queries.contains("mail.example.com A"))
        // A name is only valid when it points back to the client.
        let forged: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 ptr -all"),
            "3.2.0.192.in-addr.arpa PTR": DNS.ptr("forged.example.org"),
            "forged.example.org A": DNS.a("203.0.113.1"),
        ]
        #expect(await DNS.check(forged).0.result == .fail)
        // A failing PTR lookup is no match, not an error (§5.5).
        let failing: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 ptr ?all"), "3.2.0.192.in-addr.arpa PTR": .temporaryFailure,
        ]
        #expect(await DNS.check(failing).0.result == .neutral)
    }

    @Test func existsMechanism() async {
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 exists:%{ir}.%{l}.list.example.org -all"),
            "3.2.0.192.user.list.example.org A": DNS.a("127.0.0.2"),
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.user.list.example.org A": DNS.a("127.0.0.2"),
        ]
        #expect(await DNS.check(zone).0.result == .pass)
        // Always an A query, even for an IPv6 client (§5.7).
        let (ipv6, queries) = await DNS.check(zone, client: "2001:db8::1")
        #expect(ipv6.result == .pass)
        #expect(queries.last?.hasSuffix(" A") == true)
        #expect(await DNS.check(zone, client: "192.0.2.4").0.result == .fail)
    }

    @Test func includeResultMapping() async {
        let cases: [(DNS.Answer, SPFResult)] = [
            (DNS.txt("v=spf1 +all"), .pass),            // pass matches: the include's qualifier decides
            (DNS.txt("v=spf1 -all"), .neutral),         // fail, softfail, neutral: no match, evaluation goes on
            (DNS.txt("v=spf1 ~all"), .neutral),
            (DNS.txt("v=spf1 ?all"), .neutral),
            (.temporaryFailure, .temperror),            // temperror stays temperror
            (DNS.txt("v=spf1 bogus"), .permerror),      // permerror stays permerror
            (DNS.txt("not spf"), .permerror),           // none becomes permerror (§5.2)
            (.nameDoesNotExist, .permerror),
        ]
        for (answer, expected) in cases {
            let zone = ["example.org TXT": DNS.txt("v=spf1 ~include:other.example.net ?all"), "other.example.net TXT": answer]
            let (evaluation, _) = await DNS.check(zone)
            #expect(evaluation.result == (expected == .pass ? .softfail : expected), "\(answer)")
            #expect(evaluation.mechanism == (expected == .pass ? "~include:other.example.net" : expected == .neutral ? "?all" : nil))
            if expected == .permerror || expected == .temperror { #expect(evaluation.problem != nil) }
        }
    }
}
