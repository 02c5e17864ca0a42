import MailAuth

// The "Selecting records" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let selectingRecords = Scenario("Selecting records", zone: [
        "example3.com": [.spf("v=spf10"), .spf("v=spf1 mx"), .mx(0, "mail.example1.com")],
        "example1.com": [.spf("v=spf1")],
        "example2.com": [.spf("v=spf1", "mx")],
        "mail.example1.com": [.a("1.2.3.4")],
        "example4.com": [.spf("v=spf1 +all"), .txt("v=spf1 -all")],
        "example5.com": [.spf("v=spf1 +all"), .txt("v=spf1 -all"), .txt("v=spf1 +all")],
        "example6.com": [.spf("v=spf1 -all"), .spf("V=sPf1 +all")],
        "example7.com": [.spf("v=spf1 -all"), .spf("v=spf1 -all")],
        "example8.com": [.spf("V=spf1 -all"), .spf("v=spf1 -all"), .txt("v=spf1 +all")],
        "example9.com": [.spf("v=SpF1 ~all")],
    ], cases: [
        Case("nospace1", "4.5/4", helo: "mail.example1.com", client: "1.2.3.4", mailFrom: "foo@example2.com", expect: [.none]),
        Case("empty", "4.5/4", helo: "mail1.example1.com", client: "1.2.3.4", mailFrom: "foo@example1.com", expect: [.neutral]),
        Case("nospace2", "4.5/4", helo: "mail.example1.com", client: "1.2.3.4", mailFrom: "foo@example3.com", expect: [.pass]),
        Case("spfoverride", "4.5/5", helo: "mail.example1.com", client: "1.2.3.4", mailFrom: "foo@example4.com", expect: [.fail]),
        Case("multitxt1", "4.5/5", helo: "mail.example1.com", client: "1.2.3.4", mailFrom: "foo@example5.com", expect: [.permerror]),
        Case("multitxt2", "4.5/6", helo: "mail.example1.com", client: "1.2.3.4", mailFrom: "foo@example6.com", expect: [.permerror]),
        Case("multispf1", "4.5/6", helo: "mail.example1.com", client: "1.2.3.4", mailFrom: "foo@example7.com", expect: [.permerror, .fail]),
        Case("multispf2", "4.5/6", helo: "mail.example1.com", client: "1.2.3.4", mailFrom: "foo@example8.com", expect: [.pass]),
        Case("nospf", "4.5/7", helo: "mail.example1.com", client: "1.2.3.4", mailFrom: "foo@mail.example1.com", expect: [.none]),
        Case("case-insensitive", "4.5/6", helo: "mail.example1.com", client: "1.2.3.4", mailFrom: "foo@example9.com", expect: [.softfail]),
    ])
}
