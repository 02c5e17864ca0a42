import Testing
@testable import AbuseDefense

@Suite struct SpamRulesTests {
    let rules = SpamRules(hostname: "mx.test")

    func names(_ message: [UInt8], results: SenderAuthenticationResults = SenderAuthenticationResults(),
               listings: [String] = []) -> Set<String> {
        Set(rules.hits(SpamInspection(message: message), results: results, blockListings: listings).map(\.name))
    }

    @Test func aWellFormedMessageTriggersNothing() {
        #expect(names(spamTestMessage(wellFormedHeader)).isEmpty)
    }

    @Test func missingFieldsAndAShoutedSubject() {
        let message = spamTestMessage(["From: x@example.org", "Subject: FREE MONEY FOR YOU NOW!!!"])
        #expect(names(message) == ["MISSING_DATE", "MISSING_MESSAGE_ID", "SUBJECT_ALL_CAPS"])
        #expect(names(spamTestMessage(["Date: yesterday", "Message-ID: <a@b>", "Subject: ok"])) == ["INVALID_DATE", "MISSING_FROM"])
        // Short or mixed-case subjects are not shouting.
        #expect(!SpamRules.isShouted("RE: OK"))
        #expect(!SpamRules.isShouted("IMPORTANT meeting TODAY"))
        #expect(SpamRules.isShouted("ÜBERWEISUNG SOFORT 100%"))
    }

    @Test func aReceivedFieldClaimingThisServerIsForged() {
        let forged = "Received: from friend.example by mx.test with ESMTP; Mon, 23 Nov 2026 08:00:00 +0000"
        #expect(names(spamTestMessage(wellFormedHeader + [forged])) == ["FORGED_RECEIVED"])
        let undated = "Received: from friend.example by relay.example.org with ESMTP"
        #expect(names(spamTestMessage(wellFormedHeader + [undated])) == ["FORGED_RECEIVED"])
        let honest = "Received: from friend.example by relay.example.org with ESMTP; Mon, 23 Nov 2026 08:00:00 +0000"
        #expect(names(spamTestMessage(wellFormedHeader + [honest])).isEmpty)
    }

    @Test func executableAttachments() {
        func attached(_ name: String) -> [UInt8] {
            spamTestMessage(wellFormedHeader + ["MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b\""], body: """
                --b
                Content-Type: text/plain

                See attached.
                --b
                Content-Type: application/octet-stream; name="\(name)"
                Content-Disposition: attachment; filename="\(name)"

                MZ
                --b--
                """)
        }
        #expect(names(attached("invoice.pdf.EXE")) == ["EXECUTABLE_ATTACHMENT"])
        #expect(names(attached("setup.scr")) == ["EXECUTABLE_ATTACHMENT"])
        #expect(names(attached("report.pdf")).isEmpty)
    }

    @Test func suspiciousLinks() {
        let body = """
            Log in at http://192.0.2.55/login or https://www.bank.example@evil.example/ or
            http://xn--bnk-sna.example/ and http://shop.example:6666/ or https://bit.ly/abc. Fine: https://example.org/a
            """
        #expect(names(spamTestMessage(wellFormedHeader, body: body))
            == ["URL_NUMERIC_HOST", "URL_USERINFO", "URL_PUNYCODE", "URL_ODD_PORT", "URL_SHORTENER"])
        #expect(names(spamTestMessage(wellFormedHeader, body: "See https://example.org:443/a and http://www.example.com.")).isEmpty)
    }

    @Test func authenticationResultsAndBlockListings() {
        let message = spamTestMessage(wellFormedHeader)
        #expect(names(message, results: SenderAuthenticationResults(spf: "fail", dkim: ["fail"], dmarc: "fail"))
            == ["SPF_FAIL", "DKIM_INVALID", "DMARC_FAIL"])
        let passing = rules.hits(SpamInspection(message: message),
                                 results: SenderAuthenticationResults(spf: "Pass", dkim: ["fail", "pass"], dmarc: "pass"),
                                 blockListings: [])
        #expect(passing.map(\.name) == ["SPF_PASS", "DKIM_VALID", "DMARC_PASS"])
        #expect(passing.reduce(0) { $0 + $1.score } < 0)
        #expect(names(message, listings: ["zen.example", "bl.test"]) == ["RCVD_IN_ZEN_EXAMPLE", "RCVD_IN_BL_TEST"])
    }
}
