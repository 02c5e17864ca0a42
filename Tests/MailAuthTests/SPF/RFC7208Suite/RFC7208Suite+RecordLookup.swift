import MailAuth

// The "Record lookup" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let recordLookup = Scenario("Record lookup", zone: [
        "both.example.net": [.txt("v=spf1 -all"), .spf("v=spf1 -all")],
        "txtonly.example.net": [.txt("v=spf1 -all")],
        "spfonly.example.net": [.spf("v=spf1 -all"), .noTXT],
        "spftimeout.example.net": [.txt("v=spf1 -all"), .timeout],
        "txttimeout.example.net": [.spf("v=spf1 -all"), .noTXT, .timeout],
        "nospftxttimeout.example.net": [.spf("v=spf3 !a:yahoo.com -all"), .noTXT, .timeout],
        "alltimeout.example.net": [.timeout],
    ], cases: [
        Case("both", "4.4/1", helo: "mail.example.net", client: "1.2.3.4", mailFrom: "foo@both.example.net", expect: [.fail]),
        Case("txtonly", "4.4/1", helo: "mail.example.net", client: "1.2.3.4", mailFrom: "foo@txtonly.example.net", expect: [.fail]),
        Case("spfonly", "4.4/1", helo: "mail.example.net", client: "1.2.3.4", mailFrom: "foo@spfonly.example.net", expect: [.none]),
        Case("spftimeout", "4.4/1", helo: "mail.example.net", client: "1.2.3.4", mailFrom: "foo@spftimeout.example.net", expect: [.fail]),
        Case("txttimeout", "4.4/1", helo: "mail.example.net", client: "1.2.3.4", mailFrom: "foo@txttimeout.example.net", expect: [.temperror]),
        Case("nospftxttimeout", "4.4/1", helo: "mail.example.net", client: "1.2.3.4", mailFrom: "foo@nospftxttimeout.example.net", expect: [.temperror]),
        Case("alltimeout", "4.4/2", helo: "mail.example.net", client: "1.2.3.4", mailFrom: "foo@alltimeout.example.net", expect: [.temperror]),
    ])
}
