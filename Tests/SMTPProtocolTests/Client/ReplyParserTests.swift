import Testing
@testable import SMTPProtocol

@Suite("SMTP client: reply parser")
struct ReplyParserTests {
    private func parseAll(_ text: String, enhanced: Bool = false, limits: SMTPClientLimits = .defaults) throws -> [SMTPReply] {
        var parser = SMTPReplyParser(limits: limits)
        parser.recognizesEnhancedStatusCodes = enhanced
        parser.append(Array(text.utf8))
        var replies: [SMTPReply] = []
        while let reply = try parser.next() { replies.append(reply) }
        return replies
    }

    @Test func singleAndMultiLineReplies() throws {
        let replies = try parseAll("220 mx ready\r\n250-mx\r\n250-PIPELINING\r\n250 SIZE 100\r\n")
        #expect(replies == [
            SMTPReply(220, nil, "mx ready"),
            SMTPReply(code: 250, enhancedCode: nil, lines: ["mx", "PIPELINING", "SIZE 100"]),
        ])
    }

    @Test func codeWithoutTextAndBareLineFeed() throws {
        let replies = try parseAll("250\r\n354 go ahead\n")
        #expect(replies.map(\.code) == [250, 354])
        #expect(replies[0].lines == [""])
        #expect(replies[1].lines == ["go ahead"])
    }

    @Test func enhancedCodesAreTakenOffOnlyWhenRecognized() throws {
        let text = "550-5.1.1 no such user\r\n550 5.1.1 try again\r\n"
        let plain = try parseAll(text)
        #expect(plain.first?.enhancedCode == nil)
        #expect(plain.first?.lines == ["5.1.1 no such user", "5.1.1 try again"])
        let enhanced = try parseAll(text, enhanced: true)
        #expect(enhanced.first?.enhancedCode == SMTPEnhancedStatusCode(5, 1, 1))
        #expect(enhanced.first?.lines == ["no such user", "try again"])
    }

    @Test func enhancedCodeOfAnotherClassOrShapeIsText() throws {
        let replies = try parseAll("550 4.1.1 odd\r\n250 2.0 short\r\n354 2.0.0 intermediate\r\n250 2.0.0\r\n", enhanced: true)
        #expect(replies[0].enhancedCode == nil)
        #expect(replies[1].enhancedCode == nil)
        #expect(replies[2].enhancedCode == nil)
        #expect(replies[3].enhancedCode == SMTPEnhancedStatusCode(2, 0, 0))
        #expect(replies[3].lines == [""])
    }

    @Test(arguments: [1, 2, 3, 5, 11])
    func repliesSplitAnywhereParseTheSame(pieceSize: Int) throws {
        let text = "250-mx.example\r\n250-8BITMIME\r\n250 DSN\r\n221 2.0.0 bye\r\n"
        var parser = SMTPReplyParser()
        var replies: [SMTPReply] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            parser.append(bytes[start..<min(bytes.count, start + pieceSize)])
            start += pieceSize
            while let reply = try parser.next() { replies.append(reply) }
        }
        #expect(replies == (try parseAll(text)))
        #expect(parser.bufferedByteCount == 0)
    }

    @Test(arguments: ["hello\r\n", "25\r\n", "2500 x\r\n", "250x\r\n", "199 low\r\n", "600 high\r\n", "\r\n", "abc def\r\n"])
    func malformedLinesAreTypedErrors(text: String) {
        #expect(throws: SMTPReplyParseError.self) { try parseAll(text) }
    }

    @Test func codeChangingWithinAReplyIsAnError() {
        #expect(throws: SMTPReplyParseError.inconsistentCode(expected: 250, found: 251)) {
            try parseAll("250-one\r\n251 two\r\n")
        }
    }

    @Test func overlongLineIsRefusedBeforeItEnds() throws {
        var parser = SMTPReplyParser(limits: SMTPClientLimits(maximumReplyLineLength: 64, maximumReplyLineCount: 8))
        parser.append(Array("250 ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 40))
        #expect(try parser.next() == nil)
        parser.append(Array(repeating: UInt8(ascii: "a"), count: 40))
        #expect(throws: SMTPReplyParseError.lineTooLong(limit: 64)) { try parser.next() }
    }

    @Test func endlessContinuationIsBounded() {
        let limits = SMTPClientLimits(maximumReplyLineLength: 512, maximumReplyLineCount: 10)
        let text = String(repeating: "250-more\r\n", count: 11) + "250 end\r\n"
        #expect(throws: SMTPReplyParseError.tooManyLines(limit: 10)) { try parseAll(text, limits: limits) }
        #expect(throws: Never.self) {
            try parseAll(String(repeating: "250-more\r\n", count: 9) + "250 end\r\n", limits: limits)
        }
    }

    @Test func controlCharactersAndInvalidUTF8AreSanitized() throws {
        var bytes = Array("550 bad\u{1B}[31m text ".utf8)
        bytes += [0xFF, 0x00]
        bytes += Array("\r\n".utf8)
        var parser = SMTPReplyParser()
        parser.append(bytes)
        let reply = try #require(try parser.next())
        #expect(reply.lines == ["bad?[31m text \u{FFFD}?"])
    }

    @Test func discardingForgetsAPartialReply() throws {
        var parser = SMTPReplyParser()
        parser.append(Array("250-first\r\n250 sec".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.discardBufferedBytes() == 3 + 1 + 3)
        parser.append(Array("220 fresh\r\n".utf8))
        #expect(try parser.next() == SMTPReply(220, nil, "fresh"))
    }
}

@Suite("SMTP client: EHLO capabilities")
struct ServerCapabilitiesTests {
    private func capabilities(_ keywords: [String]) -> SMTPServerCapabilities {
        SMTPServerCapabilities(ehloReply: SMTPReply(code: 250, enhancedCode: nil, lines: ["mx.example"] + keywords))
    }

    @Test func everyKnownExtension() {
        let parsed = capabilities([
            "PIPELINING", "SIZE 35882577", "8BITMIME", "SMTPUTF8", "DSN", "ENHANCEDSTATUSCODES", "STARTTLS",
            "CHUNKING", "BINARYMIME", "AUTH PLAIN LOGIN", "X-UNKNOWN thing",
        ])
        #expect(parsed.isExtended && parsed.pipelining && parsed.eightBitMIME && parsed.smtpUTF8)
        #expect(parsed.deliveryStatusNotifications && parsed.enhancedStatusCodes && parsed.startTLS)
        #expect(parsed.chunking && parsed.binaryMIME)
        #expect(parsed.sizeDeclared && parsed.maximumMessageSize == 35_882_577)
        #expect(parsed.authenticationMechanisms == ["PLAIN", "LOGIN"])
        #expect(parsed.keywords.contains("X-UNKNOWN"))
    }

    @Test func keywordsAreCaseInsensitiveAndTheGreetingLineIsNotOne() {
        let parsed = SMTPServerCapabilities(ehloReply: SMTPReply(
            code: 250, enhancedCode: nil, lines: ["STARTTLS pretends to be a keyword", "pipelining", "auth=plain"]))
        #expect(!parsed.startTLS)
        #expect(parsed.pipelining)
        #expect(parsed.authenticationMechanisms == ["PLAIN"])
        #expect(SMTPServerCapabilities().isExtended == false)
    }

    @Test(arguments: [
        ("SIZE", true, nil), ("SIZE 0", true, nil), ("SIZE 1000", true, 1000), ("SIZE abc", true, nil),
        ("SIZE 99999999999999999999999", true, Int.max), ("NOSIZE", false, nil),
    ] as [(String, Bool, Int?)])
    func sizeForms(keyword: String, declared: Bool, limit: Int?) {
        let parsed = capabilities([keyword])
        #expect(parsed.sizeDeclared == declared)
        #expect(parsed.maximumMessageSize == limit)
    }

    @Test func authMechanismListIsBounded() {
        let mechanisms = (0..<500).map { "M\($0)" }.joined(separator: " ")
        let parsed = capabilities(Array(repeating: "AUTH " + mechanisms, count: 20))
        #expect(parsed.authenticationMechanisms.count == SMTPServerCapabilities.maximumMechanismCount)
    }
}

@Suite("SMTP client: DATA encoding")
struct DataEncoderTests {
    private func encodeWhole(_ text: String) -> String {
        var encoder = SMTPDataEncoder()
        return String(decoding: encoder.encode(Array(text.utf8)) + encoder.finish(), as: UTF8.self)
    }

    @Test(arguments: [
        ("Hello\r\n", "Hello\r\n.\r\n"),
        (".\r\n", "..\r\n.\r\n"),
        ("a\r\n.b\r\n..c\r\n", "a\r\n..b\r\n...c\r\n.\r\n"),
        ("no final line ending", "no final line ending\r\n.\r\n"),
        ("", ".\r\n"),
        ("bare\nfeed\rreturn\r", "bare\r\nfeed\r\nreturn\r\n.\r\n"),
        ("a.b\r\n x.\r\n", "a.b\r\n x.\r\n.\r\n"),
        ("\n.\n", "\r\n..\r\n.\r\n"),
    ])
    func wholeContent(input: String, expected: String) {
        #expect(encodeWhole(input) == expected)
    }

    @Test func everySplitGivesTheSameStream() {
        let input = Array("first\r\n.dot\r\n..two\r\nbare\n.x\r.y\r\n.".utf8)
        let whole = Array(encodeWhole(String(decoding: input, as: UTF8.self)).utf8)
        for first in 0...input.count {
            for second in first...input.count {
                var encoder = SMTPDataEncoder()
                var output = encoder.encode(input[..<first])
                output += encoder.encode(input[first..<second])
                output += encoder.encode(input[second...])
                output += encoder.finish()
                #expect(output == whole, "split at \(first), \(second)")
            }
        }
    }
}
