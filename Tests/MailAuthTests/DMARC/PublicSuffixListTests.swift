import Foundation
import Testing
@testable import MailAuth

@Suite struct PublicSuffixListTests {
    /// The rules the publicsuffix.org test cases need, in the file's own format.
    static let listText = """
        // A small list for the tests.
        // ===BEGIN ICANN DOMAINS===
        com
        uk.com
        ac
        biz
        *.mm
        jp
        ac.jp
        kyoto.jp
        ide.kyoto.jp
        *.kobe.jp
        !city.kobe.jp
        *.ck
        !www.ck
        us
        ak.us
        k12.ak.us
        cn
        com.cn
        公司.cn
        中国
        uk
        co.uk   this text after whitespace is ignored
        // ===END ICANN DOMAINS===
        // ===BEGIN PRIVATE DOMAINS===
        blogspot.com
        // ===END PRIVATE DOMAINS===
        """

    static let list = PublicSuffixList(text: listText)

    /// The cases of the PSL project's test_psl.txt (domain → registrable domain, nil when
    /// there is none), written out again for this list.
    static let registrableDomainCases: [(String, String?)] = [
        ("COM", nil), ("example.COM", "example.com"), ("WwW.example.COM", "example.com"),
        (".com", nil), (".example", nil), (".example.com", nil), (".example.example", nil),
        ("example", nil), ("example.example", "example.example"), ("b.example.example", "example.example"),
        ("a.b.example.example", "example.example"),
        ("biz", nil), ("domain.biz", "domain.biz"), ("b.domain.biz", "domain.biz"), ("a.b.domain.biz", "domain.biz"),
        ("com", nil), ("example.com", "example.com"), ("b.example.com", "example.com"), ("a.b.example.com", "example.com"),
        ("uk.com", nil), ("example.uk.com", "example.uk.com"), ("b.example.uk.com", "example.uk.com"),
        ("a.b.example.uk.com", "example.uk.com"), ("test.ac", "test.ac"),
        ("mm", nil), ("c.mm", nil), ("b.c.mm", "b.c.mm"), ("a.b.c.mm", "b.c.mm"),
        ("jp", nil), ("test.jp", "test.jp"), ("www.test.jp", "test.jp"), ("ac.jp", nil), ("test.ac.jp", "test.ac.jp"),
        ("www.test.ac.jp", "test.ac.jp"), ("kyoto.jp", nil), ("test.kyoto.jp", "test.kyoto.jp"), ("ide.kyoto.jp", nil),
        ("b.ide.kyoto.jp", "b.ide.kyoto.jp"), ("a.b.ide.kyoto.jp", "b.ide.kyoto.jp"), ("c.kobe.jp", nil),
        ("b.c.kobe.jp", "b.c.kobe.jp"), ("a.b.c.kobe.jp", "b.c.kobe.jp"), ("city.kobe.jp", "city.kobe.jp"),
        ("www.city.kobe.jp", "city.kobe.jp"),
        ("ck", nil), ("test.ck", nil), ("b.test.ck", "b.test.ck"), ("a.b.test.ck", "b.test.ck"),
        ("www.ck", "www.ck"), ("www.www.ck", "www.ck"),
        ("us", nil), ("test.us", "test.us"), ("www.test.us", "test.us"), ("ak.us", nil), ("test.ak.us", "test.ak.us"),
        ("www.test.ak.us", "test.ak.us"), ("k12.ak.us", nil), ("test.k12.ak.us", "test.k12.ak.us"),
        ("www.test.k12.ak.us", "test.k12.ak.us"),
        ("食狮.com.cn", "食狮.com.cn"), ("食狮.公司.cn", "食狮.公司.cn"), ("www.食狮.公司.cn", "食狮.公司.cn"),
        ("shishi.公司.cn", "shishi.公司.cn"), ("公司.cn", nil), ("食狮.中国", "食狮.中国"), ("www.食狮.中国", "食狮.中国"),
        ("shishi.中国", "shishi.中国"), ("中国", nil),
        ("xn--85x722f.com.cn", "xn--85x722f.com.cn"), ("xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn"),
        ("www.xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn"), ("shishi.xn--55qx5d.cn", "shishi.xn--55qx5d.cn"),
        ("xn--55qx5d.cn", nil), ("xn--85x722f.xn--fiqs8s", "xn--85x722f.xn--fiqs8s"),
        ("www.xn--85x722f.xn--fiqs8s", "xn--85x722f.xn--fiqs8s"), ("shishi.xn--fiqs8s", "shishi.xn--fiqs8s"),
        ("xn--fiqs8s", nil),
        // Private section, trailing dot, two dots in a row.
        ("blogspot.com", nil), ("foo.blogspot.com", "foo.blogspot.com"), ("a.foo.blogspot.com", "foo.blogspot.com"),
        ("mail.example.co.uk.", "example.co.uk"), ("co.uk", nil), ("a..example.com", nil), ("", nil), (".", nil),
    ]

    @Test func registrableDomainsFollowTheProjectTestCases() {
        for (domain, expected) in Self.registrableDomainCases {
            #expect(Self.list.registrableDomain(of: domain) == expected, "\(domain)")
        }
    }

    @Test func publicSuffixes() {
        #expect(Self.list.publicSuffix(of: "a.b.c.kobe.jp") == "c.kobe.jp")
        #expect(Self.list.publicSuffix(of: "www.city.kobe.jp") == "kobe.jp")
        #expect(Self.list.publicSuffix(of: "Mail.Example.CO.UK") == "co.uk")
        #expect(Self.list.publicSuffix(of: "host.unlisted") == "unlisted")
        #expect(Self.list.publicSuffix(of: "www.ck") == "ck")
        #expect(Self.list.publicSuffix(of: "a..b") == nil)
    }

    @Test func organizationalDomainFallsBackToTheNameItself() {
        #expect(Self.list.organizationalDomain(of: "mail.EXAMPLE.co.uk.") == "example.co.uk")
        #expect(Self.list.organizationalDomain(of: "co.uk") == "co.uk")
        #expect(Self.list.organizationalDomain(of: "COM.") == "com")
        #expect(Self.list.organizationalDomain(of: "localhost") == "localhost")
    }

    @Test func rulesOfOneLabelExceptionsAndStrayWildcardsAreHandled() {
        let list = PublicSuffixList(text: "org\n!lonely\nfoo.*.org\n*\n\n// comment\n")
        #expect(list.ruleCount == 2)
        #expect(list.registrableDomain(of: "a.b.foo.x.org") == "x.org")
        #expect(list.registrableDomain(of: "x.lonely") == "x.lonely")
    }

    @Test func punycodeMatchesTheRFCExamples() {
        #expect(Punycode.asciiLabel("中国") == "xn--fiqs8s")
        #expect(Punycode.asciiLabel("公司") == "xn--55qx5d")
        #expect(Punycode.asciiLabel("食狮") == "xn--85x722f")
        #expect(Punycode.asciiLabel("bücher") == "xn--bcher-kva")
        #expect(Punycode.asciiLabel("BÜCHER") == "xn--bcher-kva")
        #expect(Punycode.asciiLabel("example") == "example")
        #expect(Punycode.asciiLabel(Substring(String(repeating: "ü", count: 300))) == nil)
    }

    @Test func loadingAMissingFileFails() {
        #expect(throws: PublicSuffixListError.unreadable(path: "/nonexistent/psl.dat")) {
            try PublicSuffixList.load(path: "/nonexistent/psl.dat")
        }
    }

    @Test func loadingAFileWithoutRulesFails() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("psl-\(UUID().uuidString).dat").path
        try "// only a comment\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: PublicSuffixListError.noRules(path: path)) { try PublicSuffixList.load(path: path) }
        try Self.listText.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try PublicSuffixList.load(path: path).registrableDomain(of: "www.city.kobe.jp") == "city.kobe.jp")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: PublicSuffixList.debianPath)))
    func debianListGivesTheExpectedOrganizationalDomains() throws {
        let list = try PublicSuffixList.load(path: PublicSuffixList.debianPath)
        #expect(list.ruleCount > 5000)
        #expect(list.organizationalDomain(of: "mail.example.co.uk") == "example.co.uk")
        #expect(list.organizationalDomain(of: "a.b.example.com") == "example.com")
        #expect(list.organizationalDomain(of: "www.city.kobe.jp") == "city.kobe.jp")
        #expect(list.organizationalDomain(of: "a.b.c.kobe.jp") == "b.c.kobe.jp")
        #expect(list.organizationalDomain(of: "www.xn--85x722f.xn--55qx5d.cn") == "xn--85x722f.xn--55qx5d.cn")
    }
}
