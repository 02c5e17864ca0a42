import MailAuth

// The "Record evaluation" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let recordEvaluation = Scenario("Record evaluation", zone: [
        "mail.example.com": [.a("1.2.3.4")],
        "t1.example.com": [.spf("v=spf1 ip4:1.2.3.4 -all moo")],
        "t2.example.com": [.spf("v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all")],
        "t3.example.com": [.spf("v=spf1 moo.cow/far_out=man:dog/cat ip4:1.2.3.4 -all")],
        "t4.example.com": [.spf("v=spf1 moo.cow:far_out=man:dog/cat ip4:1.2.3.4 -all")],
        "t5.example.com": [.spf("v=spf1 redirect=t5.example.com ~all")],
        "t6.example.com": [.spf("v=spf1 ip4:1.2.3.4 redirect=t2.example.com")],
        "t7.example.com": [.spf("v=spf1 ip4:1.2.3.4")],
        "t8.example.com": [.spf("v=spf1 ip4:1.2.3.4 redirect:t2.example.com")],
        "t9.example.com": [.spf("v=spf1 a:foo-bar -all")],
        "t10.example.com": [.spf("v=spf1 a:mail.example...com -all")],
        "t11.example.com": [.spf("v=spf1 a:a123456789012345678901234567890123456789012345678901234567890123.example.com -all")],
        "t12.example.com": [.spf("v=spf1 a:%{H}.bar -all")],
    ], cases: [
        Case("detect-errors-anywhere", "4.6", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@t1.example.com", expect: [.permerror]),
        Case("modifier-charset-good", "4.6.1/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@t2.example.com", expect: [.pass]),
        Case("modifier-charset-bad1", "4.6.1/4", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@t3.example.com", expect: [.permerror]),
        Case("modifier-charset-bad2", "4.6.1/4", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@t4.example.com", expect: [.permerror]),
        Case("redirect-after-mechanisms1", "4.6.3", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@t5.example.com", expect: [.softfail]),
        Case("redirect-after-mechanisms2", "4.6.3", helo: "mail.example.com", client: "1.2.3.5", mailFrom: "foo@t6.example.com", expect: [.fail]),
        Case("default-result", "4.7/1", helo: "mail.example.com", client: "1.2.3.5", mailFrom: "foo@t7.example.com", expect: [.neutral]),
        Case("redirect-is-modifier", "4.6.1/4", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@t8.example.com", expect: [.permerror]),
        Case("invalid-domain", "7.1/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@t9.example.com", expect: [.permerror]),
        Case("invalid-domain-empty-label", "4.3/1, 4.8/5, 5/10/3", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@t10.example.com", expect: [.fail, .permerror]),
        Case("invalid-domain-long", "4.3/1, 4.8/5, 5/10/3", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@t11.example.com", expect: [.fail, .permerror]),
        Case("invalid-domain-long-via-macro", "4.3/1, 4.8/5, 5/10/3", helo: "%%%%%%%%%%%%%%%%%%%%%%", client: "1.2.3.4", mailFrom: "foo@t12.example.com", expect: [.fail, .permerror]),
    ])
}
