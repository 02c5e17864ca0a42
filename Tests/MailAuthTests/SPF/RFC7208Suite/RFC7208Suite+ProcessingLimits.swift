import MailAuth

// The "Processing limits" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let processingLimits = Scenario("Processing limits", zone: [
        "mail.example.com": [.a("1.2.3.4")],
        "e1.example.com": [.spf("v=spf1 ip4:1.1.1.1 redirect=e1.example.com"), .a("1.2.3.6")],
        "e2.example.com": [.spf("v=spf1 include:e3.example.com"), .a("1.2.3.7")],
        "e3.example.com": [.spf("v=spf1 include:e2.example.com"), .a("1.2.3.8")],
        "e4.example.com": [.spf("v=spf1 mx"), .mx(0, "mail.example.com"), .mx(1, "mail.example.com"), .mx(2, "mail.example.com"), .mx(3, "mail.example.com"), .mx(4, "mail.example.com"), .mx(5, "mail.example.com"), .mx(6, "mail.example.com"), .mx(7, "mail.example.com"), .mx(8, "mail.example.com"), .mx(9, "mail.example.com"), .mx(10, "e4.example.com"), .a("1.2.3.5")],
        "e5.example.com": [.spf("v=spf1 ptr"), .a("1.2.3.5")],
        "5.3.2.1.in-addr.arpa": [.ptr("e1.example.com."), .ptr("e2.example.com."), .ptr("e3.example.com."), .ptr("e4.example.com."), .ptr("example.com."), .ptr("e6.example.com."), .ptr("e7.example.com."), .ptr("e8.example.com."), .ptr("e9.example.com."), .ptr("e10.example.com."), .ptr("e5.example.com.")],
        "e6.example.com": [.spf("v=spf1 a mx a mx a mx a mx a ptr ip4:1.2.3.4 -all"), .a("1.2.3.8"), .mx(10, "e6.example.com")],
        "e7.example.com": [.spf("v=spf1 a mx a mx a mx a mx a ptr a ip4:1.2.3.4 -all"), .a("1.2.3.20")],
        "e8.example.com": [.spf("v=spf1 a include:inc.example.com ip4:1.2.3.4 mx -all"), .a("1.2.3.4")],
        "inc.example.com": [.spf("v=spf1 a a a a a a a a"), .a("1.2.3.10")],
        "e9.example.com": [.spf("v=spf1 a include:inc.example.com a ip4:1.2.3.4 -all"), .a("1.2.3.21")],
        "e10.example.com": [.spf("v=spf1 a -all"), .a("1.2.3.1"), .a("1.2.3.2"), .a("1.2.3.3"), .a("1.2.3.4"), .a("1.2.3.5"), .a("1.2.3.6"), .a("1.2.3.7"), .a("1.2.3.8"), .a("1.2.3.9"), .a("1.2.3.10"), .a("1.2.3.11"), .a("1.2.3.12")],
        "e11.example.com": [.txt("v=spf1 a:err.example.com a:err1.example.com a:err2.example.com ?all")],
        "e12.example.com": [.txt("v=spf1 a:err.example.com a:err1.example.com ?all")],
    ], cases: [
        Case("redirect-loop", "4.6.4/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e1.example.com", expect: [.permerror]),
        Case("include-loop", "4.6.4/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e2.example.com", expect: [.permerror]),
        Case("mx-limit", "4.6.4/2", helo: "mail.example.com", client: "1.2.3.5", mailFrom: "foo@e4.example.com", expect: [.permerror]),
        Case("ptr-limit", "4.6.4/3", helo: "mail.example.com", client: "1.2.3.5", mailFrom: "foo@e5.example.com", expect: [.neutral, .pass]),
        Case("false-a-limit", "4.6.4", helo: "mail.example.com", client: "1.2.3.12", mailFrom: "foo@e10.example.com", expect: [.pass]),
        Case("mech-at-limit", "4.6.4/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e6.example.com", expect: [.pass]),
        Case("mech-over-limit", "4.6.4/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e7.example.com", expect: [.permerror]),
        Case("include-at-limit", "4.6.4/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e8.example.com", expect: [.pass]),
        Case("include-over-limit", "4.6.4/1", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e9.example.com", expect: [.permerror]),
        Case("void-at-limit", "4.6.4/7", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e12.example.com", expect: [.neutral]),
        Case("void-over-limit", "4.6.4/7", helo: "mail.example.com", client: "1.2.3.4", mailFrom: "foo@e11.example.com", expect: [.permerror]),
    ])
}
