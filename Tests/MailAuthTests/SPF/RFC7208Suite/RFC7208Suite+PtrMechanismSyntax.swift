import MailAuth

// The "PTR mechanism syntax" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let ptrMechanismSyntax = Scenario("PTR mechanism syntax", zone: [
        "mail.example.com": [.a("1.2.3.4"), .aaaa("2001:db8::1")],
        "e1.example.com": [.spf("v=spf1 ptr/0 -all")],
        "e2.example.com": [.spf("v=spf1 ptr:example.com -all")],
        "4.3.2.1.in-addr.arpa": [.ptr("e3.example.com"), .ptr("e4.example.com"), .ptr("mail.example.com")],
        "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.E.B.A.B.E.F.A.C.ip6.arpa": [.ptr("e3.example.com")],
        "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.D.0.1.0.0.2.ip6.arpa": [.ptr("mail.Example.com")],
        "e3.example.com": [.spf("v=spf1 ptr -all"), .a("1.2.3.4"), .aaaa("CAFE:BABE::1")],
        "e4.example.com": [.spf("v=spf1 ptr -all")],
        "e5.example.com": [.spf("v=spf1 ptr:")],
        "e6.example.com": [.spf("v=spf1 ptr:example.Com -all")],
        "loop.example.com": [.spf("v=spf1 ptr")],
        "4.2.0.192.in-addr.arpa": [.ptr("loop4.example.com.")],
        "loop4.example.com": [.cname("CNAME.example.com.")],
        "cname.example.com": [.cname("CNAME.example.com.")],
    ], cases: [
        Case("ptr-cidr", "5.5/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e1.example.com", expect: [.permerror]),
        Case("ptr-match-target", "5.5/5", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e2.example.com", expect: [.pass]),
        Case("ptr-match-implicit", "5.5/5", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e3.example.com", expect: [.pass]),
        Case("ptr-nomatch-invalid", "5.5/5", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e4.example.com", expect: [.fail]),
        Case("ptr-match-ip6", "5.5/5", helo: "mail.example.com", client: "CAFE:BABE::1", mailFrom: "foo@e3.example.com", expect: [.pass]),
        Case("ptr-empty-domain", "5.5/2", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e5.example.com", expect: [.permerror]),
        Case("ptr-case-change", "5.5/2", helo: "mail.example.com", client: "2001:db8::1", mailFrom: "bar@e6.example.com", expect: [.pass]),
        Case("ptr-cname-loop", "5.5/7", helo: "loop.example.com", client: "192.0.2.4", mailFrom: "postmaster@loop.example.com", expect: [.neutral]),
    ])
}
