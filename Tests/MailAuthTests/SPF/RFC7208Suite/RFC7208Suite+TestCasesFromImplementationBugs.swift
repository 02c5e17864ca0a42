import MailAuth

// The "Test cases from implementation bugs" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let testCasesFromImplementationBugs = Scenario("Test cases from implementation bugs", zone: [
        "example.org": [.spf("v=spf1 mx redirect=_spf.example.com"), .mx(10, "smtp.example.org"), .mx(10, "smtp1.example.com")],
        "smtp.example.org": [.a("198.51.100.2"), .aaaa("2001:db8:ff0:100::3")],
        "smtp1.example.com": [.a("192.0.2.26"), .aaaa("2001:db8:ff0:200::2")],
        "2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.F.F.0.8.B.D.0.1.0.0.2.ip6.arpa": [.ptr("smtp6-v.fe.example.org")],
        "smtp6-v.fe.example.org": [.aaaa("2001:db8:ff0:100::2")],
        "_spf.example.com": [.spf("v=spf1 ptr:fe.example.org ptr:sgp.example.com exp=_expspf.example.org -all")],
        "_expspf.example.org": [.txt("Sender domain not allowed from this host. Please see http://www.openspf.org/Why?s=mfrom&id=%{S}&ip=%{C}&r=%{R}")],
        "a.example.org": [.txt("Another TXT record."), .txt("v=spf1 ip4:192.0.2.225 ?include:webmail.pair.com ?include:relay.pair.com -all"), .txt("More TXT records."), .txt("A third TXT record."), .aaaa("2001:db8:ff0:300::4")],
        "b.example.org": [.cname("a.example.org")],
        "mail.example.org": [.spf("v=spf1 include:a.example.org include:b.example.org -all"), .a("192.0.2.28")],
        "webmail.pair.com": [.txt("v=spf1 ip4:66.39.3.0/24 ip4:209.68.6.94/32")],
        "relay.pair.com": [.txt("v=spf1 ip4:209.68.5.9/32 ip4:209.68.5.15/32 a -all"), .a("192.0.2.131")],
    ], cases: [
        Case("bytes-bug", "5.4/4", helo: "example.org", client: "2001:db8:ff0:100::2", mailFrom: "test@example.org", expect: [.pass]),
        Case("cname-aliasing", "3.2/1", helo: "mail.example.org", client: "192.0.2.27", mailFrom: "test@mail.example.org", expect: [.fail]),
    ])
}
