import Testing
@testable import MailCore

@Suite("MIME parameters (RFC 2045 §5.1, RFC 2231)")
struct MIMEParameterTests {
    private func contentType(_ value: String) throws -> ContentType {
        try #require(ContentType(parsing: value))
    }

    @Test func quotedUnquotedAndOddSpacing() throws {
        let type = try contentType("Text/HTML ; Charset = \"UTF-8\" ;format=flowed;")
        #expect(type.type == "text" && type.subtype == "html")
        #expect(type.parameters.list == [MIMEParameter(name: "charset", value: "UTF-8"), MIMEParameter(name: "format", value: "flowed")])
        #expect(type.charset == "UTF-8")
    }

    @Test func commentsAndMissingSemicolon() throws {
        let type = try contentType("text/plain (a comment) ; charset=us-ascii (ascii) boundary=xyz")
        #expect(type.parameters.list == [MIMEParameter(name: "charset", value: "us-ascii"), MIMEParameter(name: "boundary", value: "xyz")])
    }

    @Test func lenientValues() throws {
        #expect(try contentType("multipart/mixed; boundary=----=_Part_0_123.456").boundary == "----=_Part_0_123.456")
        #expect(try contentType("application/x; name=my file.txt").parameters.value(named: "name") == "my file.txt")
        #expect(try contentType("application/x; name=\"unterminated").parameters.value(named: "name") == "unterminated")
        #expect(try contentType("application/x; name=\"a\\\"b\"").parameters.value(named: "name") == "a\"b")
        #expect(try contentType("application/x; name=\"=?utf-8?q?r=C3=A9sum=C3=A9.pdf?=\"").parameters.value(named: "name") == "résumé.pdf")
    }

    @Test func invalidContentTypes() {
        #expect(ContentType(parsing: "text") == nil)
        #expect(ContentType(parsing: "/plain") == nil)
        #expect(ContentType(parsing: "") == nil)
    }

    @Test func rfc2231ContinuationsOutOfOrderWithCharset() throws {
        let type = try contentType("application/octet-stream; name*1*=%E2%82%AC%20rates.txt; name*0*=utf-8'en'Euro%20")
        #expect(type.parameters.list == [MIMEParameter(name: "name*", value: "utf-8'en'Euro%20%E2%82%AC%20rates.txt")])
        #expect(type.parameters.value(named: "name") == "Euro € rates.txt")
    }

    @Test func rfc2231MixedSegmentsAndPlainContinuations() throws {
        let mixed = try contentType("a/b; title*0*=us-ascii'en'This%20is%20even%20more%20; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"")
        #expect(mixed.parameters.value(named: "title") == "This is even more ***fun*** isn't it!")
        let plain = try contentType("a/b; url*0=\"ftp://\"; url*1=\"cs.utk.edu/pub\"")
        #expect(plain.parameters.list == [MIMEParameter(name: "url", value: "ftp://cs.utk.edu/pub")])
    }

    @Test func rfc2231GapsAndDuplicates() {
        var defects = DefectLog(limit: 10)
        var scanner = StructuredFieldScanner(Array("; a*0=x; a*2=z; b=1; b=2; c*00=bad".utf8)[...])
        let parameters = MIMEParameterParser.parse(&scanner, defects: &defects)
        #expect(parameters.list == [MIMEParameter(name: "a", value: "x"), MIMEParameter(name: "b", value: "1")])
        #expect(defects.defects.contains(.malformedParameter("a")))
        #expect(defects.defects.contains(.duplicateParameter("b")))
        #expect(defects.defects.contains(.malformedParameter("c*00")))
    }

    @Test func parametersInAMessage() throws {
        let (_, message) = try Fixture.parse("rfc2231-parameters")
        let parts = message.structure.parts
        try #require(parts.count == 6)
        #expect(parts[1].parameters.value(named: "name") == "Euro € rates.txt")
        #expect(parts[1].disposition?.parameters.list == [MIMEParameter(name: "filename*", value: "iso-8859-1''caf%E9%20menu.txt")])
        #expect(parts[1].disposition?.filename == "café menu.txt")
        #expect(parts[2].parameters.list == [MIMEParameter(name: "charset", value: "utf-8"), MIMEParameter(name: "format", value: "flowed")])
        #expect(message.defects.contains(.duplicateParameter("charset")))
        #expect(parts[3].parameters.value(named: "name") == "my file.txt")
        #expect(parts[3].disposition?.filename == "été.pdf")
        #expect(parts[4].parameters.value(named: "name") == "unterminated.txt")
        #expect(message.defects.contains(.malformedParameter("name")))
        // The extended value wins over the plain one.
        #expect(parts[5].parameters.value(named: "name") == "📎 clip.bin")
        #expect(parts[5].parameters.rawValue(named: "name") == "clip.bin")
    }

    @Test func formattingForGeneratedHeaders() {
        #expect(RFC2231.format(name: "filename", value: "report.pdf") == "filename=report.pdf")
        #expect(RFC2231.format(name: "filename", value: "my report.pdf") == "filename=\"my report.pdf\"")
        #expect(RFC2231.format(name: "filename", value: "café.pdf") == "filename*=utf-8''caf%C3%A9.pdf")
        let long = String(repeating: "é", count: 40) + ".txt"
        let formatted = RFC2231.format(name: "filename", value: long)
        let reparsed = ContentType(parsing: "application/octet-stream; " + formatted.replacingOccurrences(of: "\r\n", with: ""))
        #expect(formatted.contains("filename*1*="))
        #expect(reparsed?.parameters.value(named: "filename") == long)
        let type = ContentType(type: "text", subtype: "plain", parameters: MIMEParameters([MIMEParameter(name: "charset", value: "utf-8")]))
        #expect(type.headerValue == "text/plain; charset=utf-8")
    }
}
