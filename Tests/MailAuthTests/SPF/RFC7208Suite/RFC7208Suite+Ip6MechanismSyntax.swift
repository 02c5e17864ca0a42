import MailAuth

// The "IP6 mechanism syntax" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let ip6MechanismSyntax = Scenario("IP6 mechanism syntax", zone: [
        "mail.example.com": [.a("1.2.3.4")],
        "e1.example.com": [.spf("v=spf1 -all ip6")],
        "e2.example.com": [.spf("v=spf1 ip6:::1.1.1.1/0")],
        "e3.example.com": [.spf("v=spf1 ip6:::1.1.1.1/129")],
        "e4.example.com": [.spf("v=spf1 ip6:::1.1.1.1//33")],
        "e5.example.com": [.spf("v=spf1 ip6:Cafe:Babe:8000::/33")],
        "e6.example.com": [.spf("v=spf1 ip6::CAFE::BABE")],
    ], cases: [
        Case("bare-ip6", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e1.example.com", expect: [.permerror]),
        Case("cidr6-0-ip4", "5/9/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e2.example.com", expect: [.neutral]),
        Case("cidr6-ip4", "5/9/2", helo: "mail.example.com", client: "::FFFF:1.2.3.4", mailFrom: "foo@e2.example.com", expect: [.neutral]),
        Case("cidr6-0", "5/8", helo: "mail.example.com", client: "DEAF:BABE::CAB:FEE", mailFrom: "foo@e2.example.com", expect: [.pass]),
        Case("cidr6-129", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e3.example.com", expect: [.permerror]),
        Case("cidr6-bad", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e4.example.com", expect: [.permerror]),
        Case("cidr6-33", "5.6/2", helo: "mail.example.com", client: "CAFE:BABE:8000::", mailFrom: "foo@e5.example.com", expect: [.pass]),
        Case("cidr6-33-ip4", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e5.example.com", expect: [.neutral]),
        Case("ip6-bad1", "5.6/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e6.example.com", expect: [.permerror]),
    ])
}
