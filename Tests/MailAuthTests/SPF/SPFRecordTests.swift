import DNSResolver
import Testing
@testable import MailAuth

/// Parsing records (RFC 7208 §4.6, §5, §6, §12) into ``SPFRecord``.
@Suite struct SPFRecordTests {
    static func parse(_ text: String) throws(SPFRecordParseError) -> SPFRecord {
        try SPFRecord(parsing: text)
    }

    @Test func everyMechanismAndQualifier() throws {
        let record = try Self.parse(
            "v=spf1 +all -include:_spf.example.org ~a ?a:mail.example.org/24//64 mx mx:example.org//48 "
            + "ptr ptr:example.net ip4:192.0.2.0/24 ip6:2001:db8::/32 exists:%{ir}.list.example.org IP4:198.51.100.1")
        let mechanisms = record.directives.map(\.mechanism)
        #expect(record.directives.map(\.qualifier) == [.pass, .fail, .softfail, .neutral] + Array(repeating: .pass, count: 8))
        #expect(mechanisms[0] == .all)
        #expect(mechanisms[1].description == "include:_spf.example.org")
        #expect(mechanisms[2] == .a(nil, .exact))
        #expect(mechanisms[3].description == "a:mail.example.org/24//64")
        #expect(mechanisms[4] == .mx(nil, .exact))
        #expect(mechanisms[5].description == "mx:example.org//48")
        #expect(mechanisms[6] == .ptr(nil))
        #expect(mechanisms[7].description == "ptr:example.net")
        #expect(mechanisms[8] == .ip4(IPAddress("192.0.2.0")!, prefixLength: 24))
        #expect(mechanisms[9] == .ip6(IPAddress("2001:db8::")!, prefixLength: 32))
        #expect(mechanisms[10].description == "exists:%{ir}.list.example.org")
        #expect(mechanisms[11] == .ip4(IPAddress("198.51.100.1")!, prefixLength: 32))
        #expect(mechanisms.map(\.queriesDNS) == [false, true, true, true, true, true, true, true, false, false, true, false])
        #expect(record.directives[3].description == "?a:mail.example.org/24//64")
    }

    @Test func cidrLengthsOfAAndMX() throws {
        let record = try Self.parse("v=spf1 a/0 a//0 a/24//64 mx:foo:bar/baz.example.com mx:example.com/30")
        let mechanisms = record.directives.map(\.mechanism)
        #expect(mechanisms[0] == .a(nil, SPFDualCIDRLength(ipv4: 0)))
        #expect(mechanisms[1] == .a(nil, SPFDualCIDRLength(ipv6: 0)))
        #expect(mechanisms[2] == .a(nil, SPFDualCIDRLength(ipv4: 24, ipv6: 64)))
        #expect(mechanisms[3].description == "mx:foo:bar/baz.example.com")
        #expect(mechanisms[4].description == "mx:example.com/30")
    }

    @Test func modifiers() throws {
        let record = try Self.parse("v=spf1 -all redirect=_spf.example.org exp=explain.%{d} moo.cow-far_out=man:dog/cat default=pass")
        #expect(record.redirect?.description == "_spf.example.org")
        #expect(record.explanation?.description == "explain.%{d}")
        #expect(record.directives.count == 1)
        #expect(record.description == "v=spf1 -all redirect=_spf.example.org exp=explain.%{d}")
    }

    @Test func versionAndSpacing() throws {
        #expect(try Self.parse("v=spf1").directives.isEmpty)
        #expect(try Self.parse("V=SpF1   -all  ").directives.count == 1)
        #expect(SPFRecord.isVersion1(Array("v=spf1 -all".utf8)[...]))
        #expect(!SPFRecord.isVersion1(Array("v=spf10".utf8)[...]))
        #expect(!SPFRecord.isVersion1(Array("v=spf1mx".utf8)[...]))
        #expect(!SPFRecord.isVersion1(Array("v\u{1D}spf1".utf8)[...]))
        #expect(throws: SPFRecordParseError.notVersion1) { try Self.parse("v=spf2 -all") }
    }

    @Test(arguments: [
        ("v=spf1 ip4:1.2.3.4 -all moo", SPFRecordParseError.unknownMechanism("moo")),
        ("v=spf1 -all.", .invalidArgument(term: "-all.")),
        ("v=spf1 -all:foobar", .invalidArgument(term: "-all:foobar")),
        ("v=spf1 -all/8", .invalidArgument(term: "-all/8")),
        ("v=spf1 redirect:example.com", .unknownMechanism("redirect:example.com")),
        ("v=spf1 1up=foo", .unknownMechanism("1up=foo")),
        ("v=spf1 =all", .unknownMechanism("=all")),
        ("v=spf1 moo.cow/far_out=man:dog/cat", .unknownMechanism("moo.cow/far_out=man:dog/cat")),
        ("v=spf1 include", .invalidArgument(term: "include")),
        ("v=spf1 include:", .invalidDomainSpec(term: "include:")),
        ("v=spf1 include:example.com/24", .invalidDomainSpec(term: "include:example.com/24")),
        ("v=spf1 exists", .invalidArgument(term: "exists")),
        ("v=spf1 ptr/0", .invalidArgument(term: "ptr/0")),
        ("v=spf1 a:", .invalidDomainSpec(term: "a:")),
        ("v=spf1 a:foo-bar", .invalidDomainSpec(term: "a:foo-bar")),
        ("v=spf1 a:111.222.33.44", .invalidDomainSpec(term: "a:111.222.33.44")),
        ("v=spf1 a:museum.", .invalidDomainSpec(term: "a:museum.")),
        ("v=spf1 a:example.-com", .invalidDomainSpec(term: "a:example.-com")),
        ("v=spf1 a:example.com:8080", .invalidDomainSpec(term: "a:example.com:8080")),
        ("v=spf1 a/33", .invalidPrefixLength("33")),
        ("v=spf1 a//129", .invalidPrefixLength("129")),
        ("v=spf1 a/24/64", .invalidPrefixLength("64")),
        ("v=spf1 ip4:1.2.3.4/032", .invalidPrefixLength("032")),
        ("v=spf1 ip4:1.2.3.4//32", .invalidPrefixLength("/32")),
        ("v=spf1 ip4", .invalidArgument(term: "ip4")),
        ("v=spf1 ip4:1.2.3", .invalidNetwork(term: "ip4:1.2.3")),
        ("v=spf1 ip4:1.2.3.4:8080", .invalidNetwork(term: "ip4:1.2.3.4:8080")),
        ("v=spf1 ip4:2001:db8::1", .invalidNetwork(term: "ip4:2001:db8::1")),
        ("v=spf1 ip6:1.2.3.4", .invalidNetwork(term: "ip6:1.2.3.4")),
        ("v=spf1 ip6::CAFE::BABE", .invalidNetwork(term: "ip6::CAFE::BABE")),
        ("v=spf1 ip6:::1/129", .invalidPrefixLength("129")),
        ("v=spf1 exp=a.example.com exp=b.example.com", .duplicateModifier("exp")),
        ("v=spf1 redirect=a.example.com REDIRECT=b.example.com", .duplicateModifier("redirect")),
        ("v=spf1 exp=", .invalidDomainSpec(term: "exp=")),
        ("v=spf1 redirect=-all", .invalidDomainSpec(term: "redirect=-all")),
        ("v=spf1 foo=%abc", .invalidMacro(term: "foo=%abc", .invalidPercentEscape)),
        ("v=spf1 exists:%{c}.example.com", .invalidMacro(term: "exists:%{c}.example.com", .letterOnlyAllowedInExplanation("c"))),
        ("v=spf1 a:ctrl.example.com\rptr -all", .invalidCharacter(term: "a:ctrl.example.com\rptr")),
        ("v=spf1 \u{80}a:example.net", .invalidCharacter(term: "\u{80}a:example.net")),
    ])
    func syntaxErrors(_ text: String, _ error: SPFRecordParseError) {
        #expect(throws: error) { try Self.parse(text) }
    }

    @Test func domainSpecEnds() throws {
        for valid in ["a:foo.example.xn--zckzah", "a:%{H}.bar", "a:%{d}", "a:example.com.", "a:x.1-2", "exists:%%"] {
            #expect(throws: Never.self) { try Self.parse("v=spf1 " + valid) }
        }
    }
}
