import Testing
@testable import MailAuth

@Suite struct AuthenticationResultsFilterTests {
    static func filtered(_ header: String, id: String = "mail.example.org") -> String {
        String(decoding: AuthenticationResultsFilter.removingFieldsClaiming(authservID: id, from: Array(header.utf8)),
               as: UTF8.self)
    }

    @Test func removesForgedFieldsWithTheirContinuationLines() {
        let header = """
            Received: from x\r
            Authentication-Results: mail.example.org;\r
            \tspf=pass smtp.mailfrom=a@b.org;\r
             dkim=pass header.d=b.org\r
            Subject: hi\r
            authentication-results : (forged) MAIL.Example.ORG. 1; none\r
            Authentication-Results: "mail.example.org"; dmarc=pass\r
            Authentication-Results:\r
             (comment\r
             folded) mail.example.org(x);spf=pass\r
            From: a@b.org\r
            \r
            Authentication-Results: mail.example.org; body text is not touched\r

            """
        #expect(Self.filtered(header) == """
            Received: from x\r
            Subject: hi\r
            From: a@b.org\r
            \r
            Authentication-Results: mail.example.org; body text is not touched\r

            """)
    }

    @Test func keepsOtherServersAndLookAlikesByteForByte() {
        let header = """
            Authentication-Results: mail.example.org.evil; spf=pass\r
            Authentication-Results: evil.mail.example.org; spf=pass\r
            Authentication-Results: mail.example.orgx; spf=pass\r
            Authentication-Results: "mail.example.org "; spf=pass\r
            Authentication-Results:   other.example.net  ;\r
            \tdkim=pass    header.d=example.net\r
            Authentication-Results-Extra: mail.example.org; spf=pass\r
            X-Authentication-Results: mail.example.org; spf=pass\r
            ARC-Authentication-Results: i=1; mail.example.org; spf=pass\r
            Authentication-Results: ; spf=pass\r
            \r

            """
        #expect(Self.filtered(header) == header)
    }

    @Test func headerWithoutBlankLineAndBareLineFeeds() {
        #expect(Self.filtered("Authentication-Results: mail.example.org; none\nTo: x@y.org\n") == "To: x@y.org\n")
        #expect(Self.filtered("To: x@y.org\nAuthentication-Results: mail.example.org; none") == "To: x@y.org\n")
    }

    @Test func unparsableInputIsReturnedAsItIs() {
        let bytes: [UInt8] = [0xFF, 0x00, 0x0D, 0x0A, 0x41]
        #expect(AuthenticationResultsFilter.removingFieldsClaiming(authservID: "mx", from: bytes) == bytes)
        #expect(AuthenticationResultsFilter.removingFieldsClaiming(authservID: "mx", from: []) == [])
    }
}
