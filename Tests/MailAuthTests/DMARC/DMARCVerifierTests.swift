import DNSResolver
import Testing
@testable import MailAuth

@Suite struct DMARCVerifierTests {
    static let list = PublicSuffixList(text: "com\norg\nuk\nco.uk\n")

    static func txt(_ texts: String...) -> DNSAnswerTable.Answer {
        .records(texts.map { .text(TextRecord([$0])) })
    }

    static func verifier(_ answers: [String: DNSAnswerTable.Answer], random: Int = 0) -> (DMARCVerifier, DNSAnswerTable) {
        let table = DNSAnswerTable(answers)
        return (DMARCVerifier(resolver: table, publicSuffixList: list, random: { random }), table)
    }

    @Test func alignedSPFPasses() async {
        let (verifier, table) = Self.verifier(["_dmarc.example.org TXT": Self.txt("v=DMARC1; p=reject")])
        let evaluation = await verifier.evaluate(authorDomain: "Example.ORG", spf: (.pass, "bounce.example.org"), dkim: [])
        #expect(evaluation.result == .pass)
        #expect(evaluation.spfAligned && !evaluation.dkimAligned)
        #expect(evaluation.disposition == .none)
        #expect(evaluation.policy == .reject && evaluation.policyWord == "reject")
        #expect(evaluation.policyDomain == "example.org")
        #expect(evaluation.authorDomain == "example.org")
        #expect(table.queries == ["_dmarc.example.org TXT"])
    }

    @Test func strictSPFAlignmentNeedsTheSameName() async {
        let (verifier, _) = Self.verifier(["_dmarc.example.org TXT": Self.txt("v=DMARC1; p=reject; aspf=s")])
        let subdomain = await verifier.evaluate(authorDomain: "example.org", spf: (.pass, "bounce.example.org"), dkim: [])
        #expect(subdomain.result == .fail && !subdomain.spfAligned)
        #expect(subdomain.disposition == .reject)
        let same = await verifier.evaluate(authorDomain: "example.org", spf: (.pass, "EXAMPLE.org."), dkim: [])
        #expect(same.result == .pass && same.spfAligned)
    }

    @Test func spfOtherThanPassNeverAligns() async {
        let (verifier, _) = Self.verifier(["_dmarc.example.org TXT": Self.txt("v=DMARC1; p=quarantine")])
        for result in SPFResult.allCases where result != .pass {
            let evaluation = await verifier.evaluate(authorDomain: "example.org", spf: (result, "example.org"), dkim: [])
            #expect(evaluation.result == .fail && evaluation.disposition == .quarantine)
        }
    }

    @Test func dkimAlignmentRelaxedAndStrict() async {
        let (relaxed, _) = Self.verifier(["_dmarc.example.org TXT": Self.txt("v=DMARC1; p=reject")])
        let passing = await relaxed.evaluate(authorDomain: "news.example.org", spf: (.fail, "other.com"),
                                             dkim: [(.fail, "example.org"), (.pass, "mail.example.org")])
        #expect(passing.result == .pass && passing.dkimAligned && !passing.spfAligned)
        let unrelated = await relaxed.evaluate(authorDomain: "example.org", spf: (.none, ""),
                                               dkim: [(.pass, "example.com"), (.pass, "org")])
        #expect(unrelated.result == .fail && !unrelated.dkimAligned)

        let (strict, _) = Self.verifier(["_dmarc.example.org TXT": Self.txt("v=DMARC1; p=reject; adkim=s")])
        let parent = await strict.evaluate(authorDomain: "example.org", spf: (.none, ""), dkim: [(.pass, "mail.example.org")])
        #expect(parent.result == .fail)
        let exact = await strict.evaluate(authorDomain: "example.org", spf: (.none, ""), dkim: [(.pass, "example.org")])
        #expect(exact.result == .pass && exact.dkimAligned)
    }

    @Test func relaxedAlignmentUsesTheSuffixList() async {
        let (verifier, _) = Self.verifier(["_dmarc.example.co.uk TXT": Self.txt("v=DMARC1; p=reject")])
        let aligned = await verifier.evaluate(authorDomain: "example.co.uk", spf: (.pass, "mail.example.co.uk"), dkim: [])
        #expect(aligned.result == .pass)
        let registry = await verifier.evaluate(authorDomain: "example.co.uk", spf: (.pass, "other.co.uk"),
                                               dkim: [(.pass, "co.uk")])
        #expect(registry.result == .fail)
    }

    /// RFC 7489 §6.6.3 step 4: no record at the author domain, so the organizational
    /// domain's applies, with its sp.
    @Test func subdomainFindsThePolicyAtTheOrganizationalDomain() async {
        let (verifier, table) = Self.verifier([
            "_dmarc.mail.example.org TXT": .nameDoesNotExist,
            "_dmarc.example.org TXT": Self.txt("v=DMARC1; p=reject; sp=quarantine"),
        ])
        let evaluation = await verifier.evaluate(authorDomain: "mail.example.org", spf: (.fail, "mail.example.org"), dkim: [])
        #expect(table.queries == ["_dmarc.mail.example.org TXT", "_dmarc.example.org TXT"])
        #expect(evaluation.result == .fail)
        #expect(evaluation.policyDomain == "example.org")
        #expect(evaluation.policy == .quarantine)
        #expect(evaluation.disposition == .quarantine)

        let (withoutSP, _) = Self.verifier(["_dmarc.example.org TXT": Self.txt("v=DMARC1; p=reject")])
        let inherited = await withoutSP.evaluate(authorDomain: "a.b.example.org", spf: (.fail, "x.org"), dkim: [])
        #expect(inherited.policy == .reject && inherited.disposition == .reject)
    }

    @Test func theAuthorDomainsOwnRecordUsesP() async {
        let (verifier, table) = Self.verifier([
            "_dmarc.mail.example.org TXT": Self.txt("v=DMARC1; p=none; sp=reject"),
            "_dmarc.example.org TXT": Self.txt("v=DMARC1; p=reject"),
        ])
        let evaluation = await verifier.evaluate(authorDomain: "mail.example.org", spf: (.fail, "x.com"), dkim: [])
        #expect(evaluation.policyDomain == "mail.example.org")
        #expect(evaluation.policy == DMARCPolicy.none && evaluation.disposition == .none)
        #expect(evaluation.result == .fail)
        #expect(table.queries == ["_dmarc.mail.example.org TXT"])
    }

    /// RFC 7489 §6.6.4 and the pct tag: a failing message outside the sample gets the next
    /// less strict policy.
    @Test func percentageSamplingLowersThePolicy() async {
        let answers: [String: DNSAnswerTable.Answer] = [
            "_dmarc.reject.org TXT": Self.txt("v=DMARC1; p=reject; pct=30"),
            "_dmarc.quarantine.org TXT": Self.txt("v=DMARC1; p=quarantine; pct=30"),
            "_dmarc.never.org TXT": Self.txt("v=DMARC1; p=reject; pct=0"),
        ]
        let (inside, _) = Self.verifier(answers, random: 29)
        let (outside, _) = Self.verifier(answers, random: 30)
        let rejectInside = await inside.evaluate(authorDomain: "reject.org", spf: (.fail, "x.com"), dkim: [])
        #expect(rejectInside.disposition == .reject && !rejectInside.isOutsideSample)
        let rejectOutside = await outside.evaluate(authorDomain: "reject.org", spf: (.fail, "x.com"), dkim: [])
        #expect(rejectOutside.disposition == .quarantine && rejectOutside.isOutsideSample)
        #expect(rejectOutside.result == .fail && rejectOutside.policy == .reject)
        let quarantineOutside = await outside.evaluate(authorDomain: "quarantine.org", spf: (.fail, "x.com"), dkim: [])
        #expect(quarantineOutside.disposition == .none)
        let never = await inside.evaluate(authorDomain: "never.org", spf: (.fail, "x.com"), dkim: [])
        #expect(never.disposition == .quarantine)
    }

    @Test func severalDMARCRecordsMeanNoPolicy() async {
        let (verifier, table) = Self.verifier([
            "_dmarc.example.org TXT": Self.txt("v=DMARC1; p=reject", "v=DMARC1; p=none"),
            "_dmarc.org TXT": Self.txt("v=DMARC1; p=reject"),
        ])
        let evaluation = await verifier.evaluate(authorDomain: "example.org", spf: (.fail, "x.com"), dkim: [])
        #expect(evaluation.result == .none && evaluation.disposition == .none && evaluation.record == nil)
        #expect(evaluation.explanation != nil)
        #expect(table.queries == ["_dmarc.example.org TXT"])
    }

    @Test func otherTextRecordsAreIgnored() async {
        let (verifier, _) = Self.verifier([
            "_dmarc.example.org TXT": .records([
                .text(TextRecord(["some-verification=abc"])),
                .text(TextRecord(["v=DMARC1; ", "p=reject"])),
                .text(TextRecord(["v=spf1 -all"])),
            ]),
        ])
        let evaluation = await verifier.evaluate(authorDomain: "example.org", spf: (.fail, "x.com"), dkim: [])
        #expect(evaluation.result == .fail && evaluation.disposition == .reject)
    }

    @Test func noRecordAnywhereGivesNone() async {
        let (verifier, table) = Self.verifier(["_dmarc.example.org TXT": Self.txt("not dmarc")])
        let evaluation = await verifier.evaluate(authorDomain: "www.example.org", spf: (.fail, "x.com"), dkim: [])
        #expect(evaluation.result == .none && evaluation.policy == nil && evaluation.policyWord == nil)
        #expect(table.queries == ["_dmarc.www.example.org TXT", "_dmarc.example.org TXT"])
    }

    @Test func temporaryDNSFailureGivesTemperror() async {
        let (atAuthor, _) = Self.verifier(["_dmarc.example.org TXT": .temporaryFailure])
        let first = await atAuthor.evaluate(authorDomain: "example.org", spf: (.pass, "example.org"), dkim: [])
        #expect(first.result == .temperror && first.disposition == .none)
        let (atOrganization, _) = Self.verifier(["_dmarc.example.org TXT": .temporaryFailure])
        let second = await atOrganization.evaluate(authorDomain: "a.example.org", spf: (.pass, "example.org"), dkim: [])
        #expect(second.result == .temperror)
    }

    @Test func unusableRecordMeansNoPolicyButRuaMakesItNone() async {
        let (verifier, _) = Self.verifier([
            "_dmarc.broken.org TXT": Self.txt("v=DMARC1; p=sometimes"),
            "_dmarc.reporting.org TXT": Self.txt("v=DMARC1; p=sometimes; rua=mailto:r@reporting.org"),
        ])
        let broken = await verifier.evaluate(authorDomain: "broken.org", spf: (.fail, "x.com"), dkim: [])
        #expect(broken.result == .none && broken.record == nil)
        let reporting = await verifier.evaluate(authorDomain: "reporting.org", spf: (.fail, "x.com"), dkim: [])
        #expect(reporting.result == .fail && reporting.policy == DMARCPolicy.none && reporting.disposition == .none)
    }

    @Test func invalidAuthorDomainIsPermerror() async {
        let (verifier, table) = Self.verifier([:])
        for domain in ["", "a..b", String(repeating: "a", count: 64) + ".org", "[192.0.2.1]"] {
            let evaluation = await verifier.evaluate(authorDomain: domain, spf: (.pass, "x.org"), dkim: [])
            #expect(evaluation.result == .permerror, "\(domain)")
        }
        #expect(table.queries.isEmpty)
        #expect(DMARCEvaluation.unusableAuthorDomain(.noFromField).result == .permerror)
    }
}
