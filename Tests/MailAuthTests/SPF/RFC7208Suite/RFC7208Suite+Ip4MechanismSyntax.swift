import MailAuth

// The "IP4 mechanism syntax" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let ip4MechanismSyntax = Scenario("IP4 mechanism syntax", zone: [
        "mail.example.com": [.a("1.2.3.4")],
        "e1.example.com": [.spf("v=spf1 ip4:1.1.1.1/0 -all")],
        "e2.example.com": [.spf("v=spf1 ip4:1.2.3.4/32 -all")],
        "e3.example.com": [.spf("v=spf1 ip4:1.2.3.4/33 -all")],
        "e4.example.com": [.spf("v=spf1 ip4:1.2.3.4/032 -all")],
        "e5.example.com": [.spf("v=spf1 ip4")],
        "e6.example.com": [.spf("v=spf1 ip4:1.2.3.4//32")],
        "e7.example.com": [.spf("v=spf1 -ip4:1.2.3.4 ip6:::FFFF:1.2.3.4")],
        "e8.example.com": [.spf("v=spf1 ip4:1.2.3.4:8080")],
        "e9.example.com": [.spf("v=spf1 ip4:1.2.3")],
    ], cases: [
        Case("cidr4-0", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e1.example.com", expect: [.pass]),
        Case("cidr4-32", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e2.example.com", expect: [.pass]),
        Case("cidr4-33", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e3.example.com", expect: [.permerror]),
        Case("cidr4-032", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e4.example.com", expect: [.permerror]),
        Case("bare-ip4", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e5.example.com", expect: [.permerror]),
        Case("bad-ip4-port", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e8.example.com", expect: [.permerror]),
        Case("bad-ip4-short", "5.6/4", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e9.example.com", expect: [.permerror]),
        Case("ip4-dual-cidr", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e6.example.com", expect: [.permerror]),
        Case("ip4-mapped-ip6", "5/9/2", helo: "mail.example.com", client: "::FFFF:1.2.3.4", mailFrom: "foo@e7.example.com", expect: [.fail]),
    ])
}
