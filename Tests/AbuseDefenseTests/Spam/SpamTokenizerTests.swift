import Testing
@testable import AbuseDefense

@Suite struct SpamTokenizerTests {
    let tokenizer = SpamTokenizer()

    @Test func headerTokensArePrefixedAndBodyWordsLowerCased() {
        let message = spamTestMessage(wellFormedHeader + ["X-Mailer: Postbox 7.0"],
                                      body: "Meet me at the Station, at noon! See https://maps.example.org/x?y=1 ok")
        let tokens = tokenizer.tokens(of: SpamInspection(message: message))
        for expected in ["subject:lunch", "subject:friday", "from:example.org", "fromname:ann", "header:x-mailer",
                         "mailer:postbox", "type:text/plain", "station", "noon", "meet", "url:maps.example.org",
                         "url:example.org"] {
            #expect(tokens.contains(expected), "\(expected) missing from \(tokens)")
        }
        // Words shorter than three letters, our own trace fields and per-message identifiers are left out.
        #expect(!tokens.contains("at"))
        #expect(!tokens.contains { $0.hasPrefix("header:received") || $0.hasPrefix("header:message-id") })
        #expect(Set(tokens).count == tokens.count)
    }

    @Test func ourOwnVerdictNeverBecomesAToken() {
        let message = spamTestMessage(["X-Spam-Status: Yes, score=9.0", "X-Spam-Score: 9.0"] + wellFormedHeader)
        let tokens = tokenizer.tokens(of: SpamInspection(message: message))
        #expect(!tokens.contains { $0.contains("x-spam") })
    }

    @Test func tokensAreBoundedInNumberAndLength() {
        let words = (0..<5_000).map { "word\($0)" }.joined(separator: " ")
        let long = String(repeating: "x", count: 500)
        let message = spamTestMessage(wellFormedHeader, body: long + " " + words)
        let tokens = tokenizer.tokens(of: SpamInspection(message: message))
        #expect(tokens.count == tokenizer.maximumTokens)
        #expect(tokens.contains("skip:x500"))
        #expect(tokens.allSatisfy { $0.utf8.count <= tokenizer.maximumTokenLength + 12 })
    }

    @Test func htmlLinkTargetsAndAttachmentTypesBecomeTokens() {
        let message = spamTestMessage(wellFormedHeader + [
            "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b\"",
        ], body: """
            --b
            Content-Type: text/html; charset=utf-8

            <p>Click <a href="http://login.bank.example.net/verify">here</a></p>
            --b
            Content-Type: application/pdf; name="invoice.PDF"
            Content-Disposition: attachment; filename="invoice.PDF"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b--
            """)
        let tokens = tokenizer.tokens(of: SpamInspection(message: message))
        for expected in ["url:login.bank.example.net", "url:bank.example.net", "url:example.net", "type:application/pdf",
                         "file:.pdf", "charset:utf-8", "click"] {
            #expect(tokens.contains(expected), "\(expected) missing from \(tokens)")
        }
    }
}
