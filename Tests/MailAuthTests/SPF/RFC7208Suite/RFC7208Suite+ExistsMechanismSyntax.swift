import MailAuth

// The "EXISTS mechanism syntax" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let existsMechanismSyntax = Scenario("EXISTS mechanism syntax", zone: [
        "mail.example.com": [.a("1.2.3.4")],
        "mail6.example.com": [.aaaa("CAFE:BABE::4")],
        "err.example.com": [.timeout],
        "e1.example.com": [.spf("v=spf1 exists:")],
        "e2.example.com": [.spf("v=spf1 exists")],
        "e3.example.com": [.spf("v=spf1 exists:mail.example.com/24")],
        "e4.example.com": [.spf("v=spf1 exists:mail.example.com")],
        "e5.example.com": [.spf("v=spf1 exists:mail6.example.com -all")],
        "e6.example.com": [.spf("v=spf1 exists:err.example.com -all")],
    ], cases: [
        Case("exists-empty-domain", "5.7/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e1.example.com", expect: [.permerror]),
        Case("exists-implicit", "5.7/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e2.example.com", expect: [.permerror]),
        Case("exists-cidr", "5.7/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e3.example.com", expect: [.permerror]),
        Case("exists-ip4", "5.7/3", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e4.example.com", expect: [.pass]),
        Case("exists-ip6", "5.7/3", helo: "mail.example.com", client: "CAFE:BABE::3", mailFrom: "foo@e4.example.com", expect: [.pass]),
        Case("exists-ip6only", "5.7/3", helo: "mail.example.com", client: "CAFE:BABE::3", mailFrom: "foo@e5.example.com", expect: [.fail]),
        Case("exists-dnserr", "5/8", helo: "mail.example.com", client: "CAFE:BABE::3", mailFrom: "foo@e6.example.com", expect: [.temperror]),
    ])
}
