import Foundation
import Testing
@testable import MailAuth

@Suite struct AuthenticationResultsFieldTests {
    @Test func noResultsRendersNone() {
        let field = AuthenticationResultsField(authservID: "mail.example.org", results: [])
        #expect(field.rendered == "Authentication-Results: mail.example.org; none\r\n")
    }

    @Test func shortFieldStaysOnOneLine() {
        let field = AuthenticationResultsField(authservID: "mx.example.org", results: [.spf(.pass, mailFrom: "a@b.org")])
        #expect(field.rendered == "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=a@b.org\r\n")
    }

    @Test func allMethodsFoldAtSeventyEightCharacters() {
        let evaluation = DMARCEvaluation(result: .pass, authorDomain: "example.org", policyDomain: "example.org",
                                         policy: .reject, disposition: .none, dkimAligned: true)
        let field = AuthenticationResultsField(authservID: "mail.example.net", results: [
            .spf(.pass, mailFrom: "bounces+123@example.org"),
            .dkim(.pass, domain: "example.org", selector: "sel2024", signature: "dGhpcyBp\r\n cyBh/c2ln+bmF0dXJl"),
            .dmarc(evaluation),
            AuthenticationResultsMethodResult(method: "arc", result: "pass", properties: [.header("oldest-pass", "0"),
                                                                                          .smtp("remote-ip", "192.0.2.1")]),
        ])
        let text = field.rendered
        #expect(text == """
            Authentication-Results: mail.example.net; spf=pass\r
            \tsmtp.mailfrom=bounces+123@example.org; dkim=pass header.d=example.org\r
            \theader.s=sel2024 header.b=dGhpcyBp; dmarc=pass (p=reject dis=none)\r
            \theader.from=example.org; arc=pass header.oldest-pass=0\r
            \tsmtp.remote-ip=192.0.2.1\r

            """)
        for line in text.split(separator: "\r\n") { #expect(line.utf8.count <= 78) }
        #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func valuesThatAreNotTokensAreQuoted() {
        let field = AuthenticationResultsField(authservID: "my server", results: [
            AuthenticationResultsMethodResult(method: "dkim", result: "fail", comment: "bad (sig) \\ here",
                                              reason: "body hash \"mismatch\"",
                                              properties: [.header("b", "ab/cd=="), .header("d", "example.org"),
                                                           .smtp("mailfrom", "\"odd local\"@example.org"),
                                                           .smtp("mailfrom", "@example.org")]),
        ])
        #expect(field.rendered.replacingOccurrences(of: "\r\n\t", with: " ") == """
            Authentication-Results: "my server"; dkim=fail (bad \\(sig\\) \\\\ here) reason="body hash \\"mismatch\\"" \
            header.b="ab/cd==" header.d=example.org smtp.mailfrom="\\"odd local\\"@example.org" smtp.mailfrom=@example.org\r

            """)
    }

    @Test func lineBreaksInValuesCannotStartNewFields() {
        let field = AuthenticationResultsField(authservID: "mx.example.org\r\nX-Injected: yes", results: [
            .spf(.fail, mailFrom: "a@b.org\r\nX-Other: 1", comment: "c\r\nX-Third: 2"),
        ])
        let lines = field.rendered.split(separator: "\r\n")
        #expect(lines.allSatisfy { $0.hasPrefix("Authentication-Results:") || $0.hasPrefix("\t") })
        #expect(!field.rendered.contains("\r\nX-"))
    }

    @Test func longCommentsAndReasonsAreCut() {
        let problem = AuthorDomainProblem.invalidDomain(String(repeating: "x", count: 5000))
        let field = AuthenticationResultsField(authservID: "mx", results: [
            .dmarc(.unusableAuthorDomain(problem)),
            AuthenticationResultsMethodResult(method: "x", result: "y", comment: String(repeating: "c", count: 5000)),
        ])
        let lines = field.rendered.split(separator: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count < 998 })
        let parsed = AuthenticationResultsValue.parse(String(field.rendered.dropFirst("Authentication-Results:".count)))
        #expect(parsed?.results.first?.result == "permerror")
        #expect(parsed?.results.first?.reason?.count == AuthenticationResultsField.maximumTextLength)
    }

    @Test func spfWithEmptyReversePathNamesTheHELO() {
        let result = AuthenticationResultsMethodResult.spf(.pass, mailFrom: "", helo: "mx.example.org")
        #expect(result.properties == [.smtp("helo", "mx.example.org")])
    }

    @Test func dmarcWithoutPolicyHasNoComment() {
        let evaluation = DMARCEvaluation(result: .none, authorDomain: "example.org")
        let field = AuthenticationResultsField(authservID: "mx", results: [.dmarc(evaluation)])
        #expect(field.rendered == "Authentication-Results: mx; dmarc=none header.from=example.org\r\n")
    }

    @Test func renderedFieldsParseBack() throws {
        let results: [AuthenticationResultsMethodResult] = [
            .spf(.softfail, mailFrom: "x@example.org", comment: "not listed"),
            .dkim(.fail, domain: "example.org", selector: "s1", signature: "ab/c+d==xyz", reason: "bad signature"),
        ]
        let field = AuthenticationResultsField(authservID: "mx.example.net", results: results)
        let value = field.rendered.dropFirst("Authentication-Results:".count)
        let parsed = try #require(AuthenticationResultsValue.parse(String(value)))
        #expect(parsed.authservID == "mx.example.net")
        #expect(parsed.results == [
            AuthenticationResultsMethodResult(method: "spf", result: "softfail", comment: "not listed",
                                              properties: [.smtp("mailfrom", "x@example.org")]),
            AuthenticationResultsMethodResult(method: "dkim", result: "fail", reason: "bad signature",
                                              properties: [.header("d", "example.org"), .header("s", "s1"), .header("b", "ab/c+d==")]),
        ])
    }
}
