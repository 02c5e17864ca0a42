import Testing
@testable import MailCore

@Suite("EmailAddress (addr-spec)")
struct AddressSpecTests {
    @Test(arguments: [
        ("alice@example.org", "alice", "example.org"),
        ("Alice@Example.ORG.", "Alice", "example.org"),
        ("first.last+tag@sub.example.org", "first.last+tag", "sub.example.org"),
        ("\"john smith\"@example.org", "john smith", "example.org"),
        ("\"a\\\"b\"@example.org", "a\"b", "example.org"),
        ("user@[192.0.2.1]", "user", "[192.0.2.1]"),
        ("user@[IPv6:2001:DB8::1]", "user", "[ipv6:2001:db8::1]"),
        ("δοκιμή@παράδειγμα.δοκιμή", "δοκιμή", "παράδειγμα.δοκιμή"),
    ])
    func parsesValidAddresses(text: String, local: String, domain: String) throws {
        let address = try EmailAddress(parsing: text)
        #expect(address.localPart == local)
        #expect(address.domain == domain)
    }

    @Test(arguments: [
        ("alice", AddressSyntaxError.missingAt),
        ("@example.org", .emptyLocalPart),
        ("alice@", .emptyDomain),
        ("a..b@example.org", .invalidLocalPart("a..b")),
        (".a@example.org", .invalidLocalPart(".a")),
        ("a b@example.org", .invalidLocalPart("a b")),
        ("alice@exa mple.org", .invalidDomain("exa mple.org")),
        ("alice@-example.org", .invalidDomain("-example.org")),
        ("alice@example..org", .invalidDomain("example..org")),
        ("\"unterminated@example.org", .unterminatedQuotedString),
        ("alice@[1.2.3.4", .invalidDomain("[1.2.3.4")),
    ])
    func rejectsInvalidAddresses(text: String, expected: AddressSyntaxError) {
        #expect(throws: expected) { try EmailAddress(parsing: text) }
    }

    @Test func rejectsOverlongParts() {
        let longLocal = String(repeating: "a", count: 65)
        #expect(throws: AddressSyntaxError.localPartTooLong) { try EmailAddress(parsing: "\(longLocal)@example.org") }
        let longDomain = Array(repeating: String(repeating: "d", count: 60), count: 5).joined(separator: ".")
        #expect(throws: AddressSyntaxError.domainTooLong) { try EmailAddress(parsing: "a@\(longDomain)") }
    }

    @Test func rejectsControlCharacters() {
        #expect(throws: AddressSyntaxError.invalidCharacter("\u{1}")) {
            try EmailAddress(localPart: "a\u{1}b", domain: "example.org")
        }
    }

    @Test func descriptionQuotesWhenNeeded() throws {
        #expect(try EmailAddress(parsing: "alice@EXAMPLE.org").description == "alice@example.org")
        #expect(try EmailAddress(localPart: "john smith", domain: "example.org").description == "\"john smith\"@example.org")
        #expect(try EmailAddress(localPart: "a\"b", domain: "example.org").description == "\"a\\\"b\"@example.org")
    }

    @Test func lookupKeyFoldsCase() throws {
        let one = try EmailAddress(parsing: "Alice@Example.org")
        let two = try EmailAddress(parsing: "alice@example.ORG.")
        #expect(one.lookupKey == two.lookupKey)
        #expect(one != two)  // the local part keeps its case for display
    }
}
