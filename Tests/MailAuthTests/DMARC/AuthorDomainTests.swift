import Testing
@testable import MailAuth

@Suite struct AuthorDomainTests {
    static func extract(_ header: String) -> Result<String, AuthorDomainProblem> {
        AuthorDomain.extract(fromHeaderSection: Array(header.utf8))
    }

    @Test func plainAndDisplayNameForms() {
        #expect(Self.extract("From: user@Example.ORG\r\nTo: x@y.org\r\n\r\nbody") == .success("example.org"))
        #expect(Self.extract("Subject: hi\r\nfrom: \"Doe, John\" <john@mail.example.org.>\r\n\r\n") == .success("mail.example.org"))
        #expect(Self.extract("From: John (the boss) <john@example.org> (comment)\r\n\r\n") == .success("example.org"))
        #expect(Self.extract("From: \"a@evil.com\" <john@example.org>\r\n\r\n") == .success("example.org"))
        #expect(Self.extract("From: john@example.org (Real Name)\r\n\r\n") == .success("example.org"))
        #expect(Self.extract("From: =?utf-8?q?J=C3=B6rg?=\r\n <joerg@example.org>\r\n\r\n") == .success("example.org"))
    }

    @Test func severalAddressesMustShareTheDomain() {
        #expect(Self.extract("From: a@example.org, B <b@EXAMPLE.org>\r\n\r\n") == .success("example.org"))
        #expect(Self.extract("From: a@example.org, b@example.com\r\n\r\n")
                == .failure(.severalDomains(["example.org", "example.com"])))
        #expect(Self.extract("From: evil@attacker.com <ceo@bank.com>\r\n\r\n")
                == .failure(.severalDomains(["attacker.com", "bank.com"])))
    }

    @Test func fromFieldCountMustBeOne() {
        #expect(Self.extract("To: a@example.org\r\n\r\nFrom: b@example.org\r\n") == .failure(.noFromField))
        #expect(Self.extract("From: a@example.org\r\nFrom: a@example.org\r\n\r\n") == .failure(.severalFromFields(count: 2)))
        #expect(Self.extract("") == .failure(.noFromField))
    }

    @Test func addressesWithoutUsableDomainsAreRefused() {
        #expect(Self.extract("From: \r\n\r\n") == .failure(.noAddress))
        #expect(Self.extract("From: root\r\n\r\n") == .failure(.addressWithoutDomain))
        #expect(Self.extract("From: <>\r\n\r\n") == .failure(.addressWithoutDomain))
        #expect(Self.extract("From: user@[192.0.2.1]\r\n\r\n") == .failure(.invalidDomain("[192.0.2.1]")))
        #expect(Self.extract("From: Bank: ceo@bank.com;\r\n\r\n") == .failure(.groupSyntax))
        #expect(Self.extract("From: undisclosed-recipients:;\r\n\r\n") == .failure(.groupSyntax))
    }

    /// MailCore's lenient address parser ends a domain at whitespace and drops what follows.
    @Test func junkAfterTheDomainIsDropped() {
        #expect(Self.extract("From: user@example.org junk\r\n\r\n") == .success("example.org"))
    }

    @Test func hugeFromFieldsEndQuickly() {
        let distinct = (0..<20_000).map { "u@d\($0).example" }.joined(separator: ", ")
        #expect(Self.extract("From: \(distinct)\r\n\r\n") == .failure(.severalDomains(["d0.example", "d1.example"])))
        let same = String(repeating: "u@example.org, ", count: 20_000) + "v@example.org"
        #expect(Self.extract("From: \(same)\r\n\r\n") == .success("example.org"))
        #expect(Self.extract("From: u@" + String(repeating: "a.", count: 5000) + "org\r\n\r\n")
                == .failure(.invalidDomain(String(repeating: "a.", count: 5000) + "org")))
    }

    @Test func internationalizedDomainsAreKept() {
        #expect(Self.extract("From: user@Bücher.example\r\n\r\n") == .success("bücher.example"))
    }

    @Test func aFromFieldFarDownIsStillCounted() {
        var header = "From: a@example.org\r\n"
        for index in 0..<2000 { header += "X-Filler-\(index): x\r\n" }
        header += "From: b@example.com\r\n\r\n"
        #expect(Self.extract(header) == .failure(.severalFromFields(count: 2)))
    }
}
