import Testing
@testable import MailAuth

@Suite struct AuthenticationResultsParserTests {
    @Test func readsTheExamplesOfRFC8601() throws {
        let none = try #require(AuthenticationResultsValue.parse(" example.org 1; none"))
        #expect(none.authservID == "example.org" && none.version == 1 && none.results.isEmpty)

        let multiple = try #require(AuthenticationResultsValue.parse("""
             example.com;\r
                      auth=pass (cram-md5) smtp.auth=sender@example.com;\r
                      spf=fail smtp.mailfrom=example.com
            """))
        #expect(multiple.results == [
            AuthenticationResultsMethodResult(method: "auth", result: "pass", comment: "cram-md5",
                                              properties: [.smtp("auth", "sender@example.com")]),
            AuthenticationResultsMethodResult(method: "spf", result: "fail", properties: [.smtp("mailfrom", "example.com")]),
        ])
        #expect(multiple.results(of: "SPF").count == 1)

        let withComments = try #require(AuthenticationResultsValue.parse("""
            (outer (nested) comment) "mail-router.example.net" (v) ; dkim/1 = pass (good signature)\
             header.i = @newyork.example.com ; dkim=fail reason="bad signature" header . i=@example.com
            """))
        #expect(withComments.authservID == "mail-router.example.net")
        #expect(withComments.results.map(\.result) == ["pass", "fail"])
        #expect(withComments.results[0].property("header", "i") == "@newyork.example.com")
        #expect(withComments.results[0].comment == "good signature")
        #expect(withComments.results[1].reason == "bad signature")
        #expect(withComments.results[1].property("HEADER", "I") == "@example.com")
    }

    @Test func malformedResultsAreSkipped() throws {
        let value = try #require(AuthenticationResultsValue.parse(
            "mx.example.org; spf pass; =fail; dkim=pass header.d; dmarc=pass header.from=\"a;b\" ; arc=fail (x;y) smtp.remote-ip=192.0.2.1;;"))
        #expect(value.results.map(\.method) == ["dmarc", "arc"])
        #expect(value.results[0].property("header", "from") == "a;b")
        #expect(value.results[1].property("smtp", "remote-ip") == "192.0.2.1")
    }

    @Test func missingAuthservIDGivesNil() {
        #expect(AuthenticationResultsValue.parse("") == nil)
        #expect(AuthenticationResultsValue.parse("   (just a comment) ") == nil)
        #expect(AuthenticationResultsValue.parse("; spf=pass") == nil)
    }

    @Test func hostileInputEnds() {
        let nested = String(repeating: "(", count: 10_000) + "x"
        #expect(AuthenticationResultsValue.parse(nested) == nil)
        let many = "mx;" + String(repeating: " spf=pass;", count: 1000)
        #expect(AuthenticationResultsValue.parse(many)?.results.count == AuthenticationResultsParser.maximumResults)
        #expect(AuthenticationResultsValue.parse("mx; dkim=pass header.b=\"unclosed")?.results.first?.property("header", "b") == "unclosed")
        #expect(AuthenticationResultsValue.parse("\"unclosed id")?.authservID == "unclosed id")
    }
}
