import Testing
@testable import MailCore

@Suite("Header fields (RFC 5322 §2.2)")
struct HeaderParserTests {
    @Test func foldedFieldsWithCRLFAndBareLF() throws {
        for newline in ["\r\n", "\n"] {
            let text = ["Subject: first line", "\tsecond line", "  third", "To: a@example.org", "", "body"].joined(separator: newline)
            let header = MessageHeader(parsing: text.bytes)
            #expect(header.fields.count == 2)
            let subject = try #require(header.firstField(named: "SUBJECT"))
            #expect(header.unfoldedValue(of: subject) == "first line\tsecond line  third")
            #expect(header.bytes.text(subject.range) == "Subject: first line\(newline)\tsecond line\(newline)  third\(newline)")
            #expect(header["to"] == "a@example.org")
            let blank = text.range(of: newline + newline).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.upperBound) }
            #expect(header.range == 0..<(blank ?? -1))
        }
    }

    @Test func lookupIsCaseInsensitiveAndKeepsOrder() {
        let header = MessageHeader(parsing: "Received: one\r\nreceived: two\r\nRECEIVED: three\r\n\r\n".bytes)
        #expect(header.fields(named: "Received").map(header.unfoldedValue(of:)) == ["one", "two", "three"])
        #expect(header.fields.map(header.name(of:)) == ["Received", "received", "RECEIVED"])
        #expect(header["X-Missing"] == nil)
    }

    @Test func whitespaceBeforeColonIsObsoleteButAccepted() {
        let header = MessageHeader(parsing: "Subject \t: spaced\r\n\r\n".bytes)
        #expect(header["subject"] == "spaced")
    }

    @Test func decodedValueDecodesEncodedWords() throws {
        let header = MessageHeader(parsing: "Subject: =?utf-8?q?caf=C3=A9?= ok\r\n\r\n".bytes)
        let field = try #require(header.firstField(named: "subject"))
        #expect(header.decodedValue(of: field) == "café ok")
        #expect(header.unfoldedValue(of: field) == "=?utf-8?q?caf=C3=A9?= ok")
    }

    @Test func junkInTheHeaderIsRecordedAndSkipped() throws {
        let (bytes, message) = try Fixture.parse("header-junk")
        let header = message.header
        #expect(header.fields.map(header.name(of:)) == ["From", "To", "Subject", "X-Nul", "X-Bare-CR", "X-Long", "Date"])
        // RFC 6532: valid UTF-8 is kept; the Latin-1 subject is read as Windows-1252.
        #expect(message.searchText.from == "Jürgen Müller juergen@example.de")
        #expect(message.searchText.subject == "Grüße aus Köln")
        #expect(message.hasDefect { $0 == .headerNotUTF8(field: "Subject") })
        #expect(!message.hasDefect { $0 == .headerNotUTF8(field: "From") })
        #expect(message.hasDefect { if case .nulInHeader = $0 { true } else { false } })
        #expect(message.hasDefect { if case .bareCarriageReturn = $0 { true } else { false } })
        #expect(message.hasDefect { if case .headerLineWithoutColon = $0 { true } else { false } })
        #expect(message.hasDefect { if case .lineTooLong = $0 { true } else { false } })
        #expect(header["x-nul"] == "before after")
        #expect(message.date == MessageDate(parsing: "Mon, 3 Mar 2025 09:15:00 +0000"))
        #expect(bytes.text(message.structure.root.bodyRange) == "Body after junk.\r\n")
    }

    @Test func headerWithoutBodyAndBodyWithoutHeader() throws {
        let (bytes, headerOnly) = try Fixture.parse("header-without-body")
        #expect(headerOnly.header.fields.count == 2)
        #expect(headerOnly.header["subject"] == "only a header")
        #expect(headerOnly.structure.root.headerRange == 0..<bytes.count)
        #expect(headerOnly.structure.root.bodyRange == bytes.count..<bytes.count)

        let (body, bodyOnly) = try Fixture.parse("body-without-header")
        #expect(bodyOnly.header.fields.isEmpty)
        #expect(bodyOnly.structure.root.headerRange == 0..<0)
        #expect(bodyOnly.structure.root.bodyRange == 0..<body.count)
        #expect(bodyOnly.searchText.body == "Hello there,\nno header in this message at all.\n")
    }

    @Test func mboxSeparatorLineIsSkipped() throws {
        let (_, message) = try Fixture.parse("mbox-from-line")
        #expect(message.header["subject"] == "mbox separator")
        #expect(message.defects.contains(.mboxSeparatorLine))
    }

    @Test func continuationBeforeAnyFieldIsSkipped() {
        let message = MessageParser().parse(" folded first\r\nSubject: s\r\n\r\nbody".bytes)
        #expect(message.header["subject"] == "s")
        #expect(message.defects.contains(.continuationWithoutField(offset: 0)))
    }

    @Test func oneHundredThousandFieldsAreBoundedByTheLimit() {
        var text = ""
        text.reserveCapacity(2_000_000)
        for index in 0..<100_000 { text += "X-Field-\(index): value \(index)\r\n" }
        text += "Subject: last\r\n\r\nbody\r\n"
        var limits = MessageParserLimits()
        limits.maximumHeaderFields = 5_000
        let message = MessageParser(limits: limits).parse(text.bytes)
        #expect(message.header.fields.count == 5_000)
        #expect(message.defects.contains(.tooManyHeaderFields(limit: 5_000)))
        // The header still ends at the blank line, so the body is right.
        #expect(text.bytes.text(message.structure.root.bodyRange) == "body\r\n")
    }

    @Test func anEndlessLineIsOneField() {
        let long = String(repeating: "x", count: 3_000_000)
        let message = MessageParser().parse(("Subject: " + long).bytes)
        #expect(message.header.fields.count == 1)
        #expect(message.searchText.subject.utf8.count == long.utf8.count)
        #expect(message.hasDefect { if case .lineTooLong = $0 { true } else { false } })
    }

    @Test func fieldNameWithSpaceOnFirstLineMeansNoHeader() {
        let message = MessageParser().parse("Dear friend: hello\r\nmore text\r\n".bytes)
        #expect(message.header.fields.isEmpty)
        #expect(message.structure.root.bodyRange == 0..<"Dear friend: hello\r\nmore text\r\n".utf8.count)
    }
}
