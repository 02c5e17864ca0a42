import Testing
@testable import DNSResolver

@Suite("Domain names")
struct DNSNameTests {
    @Test("presentation form round-trips, with or without the final dot")
    func parsing() throws {
        let parsed = try DNSName("Mail.Example.COM.")
        #expect(parsed.labels == [Array("Mail".utf8), Array("Example".utf8), Array("COM".utf8)])
        #expect(parsed.description == "Mail.Example.COM")
        #expect(try DNSName("mail.example.com") == parsed)
        #expect(try DNSName(".") == DNSName.root)
        #expect(DNSName.root.description == ".")
    }

    @Test("comparison and hashing ignore ASCII case only")
    func caseInsensitivity() throws {
        let upper = try DNSName("EXAMPLE.org")
        let lower = try DNSName("example.ORG")
        #expect(upper == lower)
        #expect(Set([upper, lower]).count == 1)
        #expect(try DNSName("exampl\\201.org") != DNSName("exampl\\233.org"))
        #expect(upper.lowercased().description == "example.org")
    }

    @Test("escapes for dots, backslashes and arbitrary octets")
    func escapes() throws {
        let parsed = try DNSName("a\\.b.c\\\\d.\\000x")
        #expect(parsed.labels == [Array("a.b".utf8), Array("c\\d".utf8), [0, UInt8(ascii: "x")]])
        #expect(parsed.description == "a\\.b.c\\\\d.\\000x")
        #expect(try DNSName(parsed.description) == parsed)
    }

    @Test("invalid names are refused with a reason", arguments: [
        ("", DNSNameError.emptyName),
        ("a..b", .emptyLabel),
        (".a", .emptyLabel),
        (String(repeating: "x", count: 64) + ".com", .labelTooLong(64)),
        (Array(repeating: String(repeating: "x", count: 63), count: 4).joined(separator: "."), .nameTooLong(257)),
        ("a\\", .badEscape),
        ("a\\25", .badEscape),
        ("a\\256", .badEscape),
        ("bücher.example", .notASCII("bücher.example")),
    ])
    func invalid(text: String, error: DNSNameError) {
        #expect(throws: error) { try DNSName(text) }
    }

    @Test("the longest valid name is accepted")
    func longestName() throws {
        // 3 × 63 + 61 octets of labels + 4 length octets + the root = 255.
        let text = Array(repeating: String(repeating: "x", count: 63), count: 3).joined(separator: ".")
            + "." + String(repeating: "y", count: 61)
        #expect(try DNSName(text).wireLength == 255)
    }

    @Test("subdomains and appending")
    func hierarchy() throws {
        let zone = try DNSName("example.org")
        #expect(try DNSName("a.b.EXAMPLE.org").isSubdomain(of: zone))
        #expect(zone.isSubdomain(of: zone))
        #expect(try !DNSName("example.net").isSubdomain(of: zone))
        #expect(try !DNSName("org").isSubdomain(of: zone))
        #expect(try DNSName("www").appending(zone) == DNSName("www.example.org"))
    }
}
