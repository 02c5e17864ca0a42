import MailAuth

// The "ALL mechanism syntax" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let allMechanismSyntax = Scenario("ALL mechanism syntax", zone: [
        "mail.example.com": [.a("1.2.3.4")],
        "e1.example.com": [.spf("v=spf1 -all.")],
        "e2.example.com": [.spf("v=spf1 -all:foobar")],
        "e3.example.com": [.spf("v=spf1 -all/8")],
        "e4.example.com": [.spf("v=spf1 ?all")],
        "e5.example.com": [.spf("v=spf1 all -all")],
    ], cases: [
        Case("all-dot", "5.1/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e1.example.com", expect: [.permerror]),
        Case("all-arg", "5.1/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e2.example.com", expect: [.permerror]),
        Case("all-cidr", "5.1/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e3.example.com", expect: [.permerror]),
        Case("all-neutral", "5.1/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e4.example.com", expect: [.neutral]),
        Case("all-double", "5.1/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e5.example.com", expect: [.pass]),
    ])
}
