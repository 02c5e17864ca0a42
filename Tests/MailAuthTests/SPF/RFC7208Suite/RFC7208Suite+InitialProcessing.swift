import MailAuth

// The "Initial processing" scenario of the RFC 7208 test suite (openspf.org release 2014.04),
// restated as data: zone, then cases (name, RFC section, HELO, client, MAIL FROM, results allowed).
extension RFC7208Suite {
    static let initialProcessing = Scenario("Initial processing", zone: [
        "example.com": [.timeout],
        "example.net": [.spf("v=spf1 -all exp=exp.example.net")],
        "a.example.net": [.spf("v=spf1 -all exp=exp.example.net")],
        "exp.example.net": [.txt("%{l}")],
        "a12345678901234567890123456789012345678901234567890123456789012.example.com": [.spf("v=spf1 -all")],
        "hosed.example.com": [.spf("v=spf1 a:\u{EF}\u{BB}\u{BF}garbage.example.net -all")],
        "hosed2.example.com": [.spf("v=spf1 \u{80}a:example.net -all")],
        "hosed3.example.com": [.spf("v=spf1 a:example.net \u{96}all")],
        "nothosed.example.com": [.spf("v=spf1 a:example.net -all"), .spf("\u{96}")],
        "ctrl.example.com": [.spf("v=spf1 a:ctrl.example.com\u{D}ptr -all"), .a("192.0.2.3")],
        "fine.example.com": [.spf("v=spf1 a  -all")],
        "trail.example.com": [.spf("v=spf1 a -all ")],
        "null.example.com": [.spf("v=spf1 ip4:", "192.0.2.5 -all"), .spf()],
        "badip.example.com": [.spf("v=spf1 ip4:192.0.2.5\u{A} include:spf.protection.outlook.com ~all")],
    ], cases: [
        Case("toolonglabel", "4.3/1", helo: "mail.example.net", client: "1.2.3.5", mailFrom: "lyme.eater@A123456789012345678901234567890123456789012345678901234567890123.example.com", expect: [.none]),
        Case("longlabel", "4.3/1", helo: "mail.example.net", client: "1.2.3.5", mailFrom: "lyme.eater@A12345678901234567890123456789012345678901234567890123456789012.example.com", expect: [.fail]),
        Case("emptylabel", "4.3/1", helo: "mail.example.net", client: "1.2.3.5", mailFrom: "lyme.eater@A...example.com", expect: [.none]),
        Case("helo-not-fqdn", "4.3/1", helo: "A2345678", client: "1.2.3.5", mailFrom: "", expect: [.none]),
        Case("helo-domain-literal", "4.3/1", helo: "[1.2.3.5]", client: "1.2.3.5", mailFrom: "", expect: [.none]),
        Case("nolocalpart", "4.3/2", helo: "mail.example.net", client: "1.2.3.4", mailFrom: "@example.net", expect: [.fail], explanation: "postmaster"),
        Case("domain-literal", "4.3/1", helo: "OEMCOMPUTER", client: "1.2.3.5", mailFrom: "foo@[1.2.3.5]", expect: [.none]),
        Case("non-ascii-policy", "3.1/1", helo: "hosed", client: "1.2.3.4", mailFrom: "foobar@hosed.example.com", expect: [.permerror]),
        Case("non-ascii-mech", "3.1/1", helo: "hosed", client: "1.2.3.4", mailFrom: "foobar@hosed2.example.com", expect: [.permerror]),
        Case("non-ascii-result", "3.1/1", helo: "hosed", client: "1.2.3.4", mailFrom: "foobar@hosed3.example.com", expect: [.permerror]),
        Case("non-ascii-non-spf", "4.5/1", helo: "hosed", client: "1.2.3.4", mailFrom: "foobar@nothosed.example.com", expect: [.fail], explanation: nil),
        Case("control-char-policy", "4.6.1/2", helo: "hosed", client: "192.0.2.3", mailFrom: "foobar@ctrl.example.com", expect: [.permerror]),
        Case("two-spaces", "4.6.1", helo: "hosed", client: "1.2.3.4", mailFrom: "actually@fine.example.com", expect: [.fail]),
        Case("trailing-space", "4.5/2", helo: "hosed", client: "192.0.2.5", mailFrom: "silly@trail.example.com", expect: [.fail]),
        Case("null-text", "3.3", helo: "hosed", client: "192.0.2.5", mailFrom: "silly@null.example.com", expect: [.pass]),
        Case("badip4", "4.6.1/2", helo: "foobar", client: "192.0.2.5", mailFrom: "oops@badip.example.com", expect: [.permerror]),
    ])
}
