import MailAuth

// The "Include mechanism semantics and syntax" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let includeMechanismSemanticsAndSyntax = Scenario("Include mechanism semantics and syntax", zone: [
        "mail.example.com": [.a("1.2.3.4")],
        "ip5.example.com": [.spf("v=spf1 ip4:1.2.3.5 -all")],
        "ip6.example.com": [.spf("v=spf1 ip4:1.2.3.6 ~all")],
        "ip7.example.com": [.spf("v=spf1 ip4:1.2.3.7 ?all")],
        "ip8.example.com": [.timeout],
        "erehwon.example.com": [.txt("v=spfl am not an SPF record")],
        "e1.example.com": [.spf("v=spf1 include:ip5.example.com ~all")],
        "e2.example.com": [.spf("v=spf1 include:ip6.example.com all")],
        "e3.example.com": [.spf("v=spf1 include:ip7.example.com -all")],
        "e4.example.com": [.spf("v=spf1 include:ip8.example.com -all")],
        "e5.example.com": [.spf("v=spf1 include:e6.example.com -all")],
        "e6.example.com": [.spf("v=spf1 include +all")],
        "e7.example.com": [.spf("v=spf1 include:erehwon.example.com -all")],
        "e8.example.com": [.spf("v=spf1 include: -all")],
        "e9.example.com": [.spf("v=spf1 include:ip5.example.com/24 -all")],
    ], cases: [
        Case("include-fail", "5.2/9", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e1.example.com", expect: [.softfail]),
        Case("include-softfail", "5.2/9", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e2.example.com", expect: [.pass]),
        Case("include-neutral", "5.2/9", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e3.example.com", expect: [.fail]),
        Case("include-temperror", "5.2/9", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e4.example.com", expect: [.temperror]),
        Case("include-permerror", "5.2/9", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e5.example.com", expect: [.permerror]),
        Case("include-syntax-error", "5.2/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e6.example.com", expect: [.permerror]),
        Case("include-cidr", "5.2/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e9.example.com", expect: [.permerror]),
        Case("include-none", "5.2/9", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e7.example.com", expect: [.permerror]),
        Case("include-empty-domain", "5.2/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e8.example.com", expect: [.permerror]),
    ])
}
