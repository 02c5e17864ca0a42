import DNSResolver
import MailAuth
import Testing

/// `redirect=` (RFC 7208 §6.1) and `exp=` (§6.2).
@Suite struct SPFModifierTests {
    typealias DNS = SPFTestDNS

    @Test func redirectAppliesWhenNothingMatched() async {
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 ip4:198.51.100.0/24 redirect=_spf.example.net"),
            "_spf.example.net TXT": DNS.txt("v=spf1 a -all"),
            "_spf.example.net A": DNS.a("192.0.2.3"),
        ]
        let (redirected, queries) = await DNS.check(zone)
        #expect(redirected.result == .pass && redirected.mechanism == "a")
        // The redirected record's <domain> is the new one: "a" looks up _spf.example.net.
        #expect(queries == ["example.org TXT", "_spf.example.net TXT", "_spf.example.net A"])
        #expect(redirected.domain == "example.org")
        #expect(redirected.dnsLookupCount == 2)
        let (direct, directQueries) = await DNS.check(zone, client: "198.51.100.7")
        #expect(direct.result == .pass && directQueries == ["example.org TXT"])
    }

    @Test func redirectToNoRecordIsPermerror() async {
        let zone = ["example.org TXT": DNS.txt("v=spf1 redirect=nothing.example.net")]
        let (evaluation, _) = await DNS.check(zone)
        #expect(evaluation.result == .permerror)
        #expect(evaluation.problem?.contains("nothing.example.net") == true)
    }

    @Test func redirectIsIgnoredAfterAll() async {
        let zone = ["example.org TXT": DNS.txt("v=spf1 ~all redirect=example.org")]
        #expect(await DNS.check(zone).0.result == .softfail)
    }

    @Test func explanationOnFail() async {
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 ip4:198.51.100.1 -all exp=why.%{d}"),
            "why.example.org TXT": DNS.txt("%{i} may not send for %{d} (%{l}), says %{r} at %{t}"),
        ]
        let (evaluation, queries) = await DNS.check(zone)
        #expect(evaluation.result == .fail)
        #expect(evaluation.explanation == "192.0.2.3 may not send for example.org (user), says mx.receiver.example at 1700000000")
        #expect(queries == ["example.org TXT", "why.example.org TXT"])
        #expect(evaluation.dnsLookupCount == 0)
        // Not fetched when the result is not "fail".
        let (pass, passQueries) = await DNS.check(zone, client: "198.51.100.1")
        #expect(pass.explanation == nil && passQueries == ["example.org TXT"])
    }

    @Test func explanationProblemsAreIgnored() async {
        let answers: [DNS.Answer] = [
            .temporaryFailure, .nameDoesNotExist, DNS.txt("one", "two"), DNS.txt("The %{x}-files"), DNS.txt("caf\u{E9}"),
        ]
        for answer in answers {
            let zone = ["example.org TXT": DNS.txt("v=spf1 -all exp=why.example.org"), "why.example.org TXT": answer]
            let (evaluation, _) = await DNS.check(zone)
            #expect(evaluation.result == .fail && evaluation.explanation == nil, "\(answer)")
        }
    }

    @Test func includedExplanationsAreNotUsed() async {
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 include:other.example.net -all exp=mine.example.org"),
            "other.example.net TXT": DNS.txt("v=spf1 -all exp=theirs.example.net"),
            "mine.example.org TXT": DNS.txt("Mine."),
            "theirs.example.net TXT": DNS.txt("Theirs."),
        ]
        let (evaluation, queries) = await DNS.check(zone)
        #expect(evaluation.explanation == "Mine.")
        #expect(!queries.contains("theirs.example.net TXT"))
    }

    @Test func redirectUsesTheTargetsExplanation() async {
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 exp=mine.example.org redirect=other.example.net"),
            "other.example.net TXT": DNS.txt("v=spf1 -all exp=theirs.example.net"),
            "mine.example.org TXT": DNS.txt("Mine."),
            "theirs.example.net TXT": DNS.txt("Theirs from %{d}."),
        ]
        #expect(await DNS.check(zone).0.explanation == "Theirs from other.example.net.")
    }

    @Test func validatedNameMacro() async {
        let zone: [String: DNS.Answer] = [
            "example.org TXT": DNS.txt("v=spf1 -all exp=why.example.org"),
            "why.example.org TXT": DNS.txt("connect from %{p}"),
            "3.2.0.192.in-addr.arpa PTR": DNS.ptr("host.example.net", "mail.example.org", "unchecked.example.org"),
            "host.example.net A": DNS.a("192.0.2.3"),
            "mail.example.org A": DNS.a("192.0.2.3"),
        ]
        // A validated name inside <domain> is preferred over others (§7.3).
        #expect(await DNS.check(zone).0.explanation == "connect from mail.example.org")
        let unvalidated = zone.merging(["mail.example.org A": DNS.a("203.0.113.1"), "host.example.net A": .temporaryFailure]) { $1 }
        #expect(await DNS.check(unvalidated).0.explanation == "connect from unknown")
    }
}
