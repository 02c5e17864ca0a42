import Testing
@testable import MailCore

@Suite("ENVELOPE and BODYSTRUCTURE data (RFC 9051 §7.5.2)")
struct BodyStructureTests {
    /// The extension-fields message with CRLF line ends, as a server stores it.
    private func extensionMessage() throws -> ParsedMessage {
        let lf = try Fixture.bytes("extension-fields-lf")
        return MessageParser().parse(String(decoding: lf, as: UTF8.self).crlf.bytes)
    }

    @Test func extensionDataAsDovecotSendsIt() throws {
        let structure = try extensionMessage().structure
        // Sizes are CRLF octets; a text part without charset gets charset=us-ascii; an invalid
        // transfer encoding token reads as 7bit; the folded boundary is unfolded.
        let expected = "((\"text\" \"x-custom\" (\"charset\" \"us-ascii\" \"note\" \"a\\\"quoted\\\"word\") \"<part1@example.com>\" "
            + "\"the first part\" \"7bit\" 7 1 \"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"inline\" (\"size\" \"5\")) (\"en\" \"de\") "
            + "\"http://example.com/one.txt\")(\"text\" \"plain\" (\"format\" \"flowed\" \"charset\" \"us-ascii\") NIL NIL \"7bit\" 4 0 "
            + "NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"abc def\") NIL NIL NIL)"
        #expect(IMAPTestRenderer.bodyStructure(structure) == expected)
    }

    @Test func envelopeDefaultsAndNIL() throws {
        let envelope = try extensionMessage().structure.envelope
        let user = "((NIL NIL \"user\" \"example.com\"))"
        #expect(IMAPTestRenderer.envelope(envelope) == "(\"Sat, 5 Apr 2014 10:00:00 +0000\" NIL \(user) \(user) \(user) NIL NIL NIL NIL NIL)")
    }

    @Test func envelopeOfNestedMessage() throws {
        let (_, message) = try Fixture.parse("nested-multipart")
        let envelope = message.structure.envelope
        #expect(envelope.subject == "Quarterly report and the slides")
        #expect(envelope.date == "Mon, 3 Mar 2025 09:15:00 +0100")
        #expect(envelope.messageID == "<report-2025@example.org>")
        #expect(envelope.inReplyTo == "<question-7@example.net>")
        #expect(IMAPTestRenderer.addresses(envelope.from) == "((\"=?iso-8859-1?q?Andr=E9?= Martin\" NIL \"andre\" \"example.org\"))")
        #expect(envelope.sender == envelope.from && envelope.replyTo == envelope.from)
        #expect(IMAPTestRenderer.addresses(envelope.to) == "((\"Bob\" NIL \"bob\" \"example.net\")(\"Carol, Q.\" NIL \"carol\" \"example.net\"))")
        #expect(IMAPTestRenderer.addresses(envelope.cc) == "((NIL NIL \"team\" NIL)(NIL NIL \"dave\" \"example.net\")(NIL NIL \"erin\" \"example.net\")(NIL NIL NIL NIL))")
        #expect(envelope.bcc.isEmpty)

        #expect(message.messageID == "report-2025@example.org")
        #expect(message.inReplyTo == ["question-7@example.net"])
        #expect(message.references == ["start-1@example.net", "question-7@example.net"])
        #expect(message.date == MessageDate(secondsSinceEpoch: 1_740_989_700, zoneOffsetMinutes: 60))
    }

    @Test func messagePartCarriesTheEncapsulatedEnvelopeAndBody() throws {
        let (bytes, message) = try Fixture.parse("nested-multipart")
        let structure = message.structure
        let rendered = IMAPTestRenderer.bodyStructure(structure, at: 6)
        let size = structure.parts[6].size
        let lines = structure.parts[6].lineCount
        #expect(bytes.text(structure.parts[6].bodyRange)?.lineFeedCount == lines)
        let expected = "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" \(size) "
            + "(\"Sun, 2 Mar 2025 18:00:00 -0500\" \"Re: numbers\" ((\"Dave\" NIL \"dave\" \"example.net\")) ((\"Dave\" NIL \"dave\" \"example.net\")) "
            + "((\"Dave\" NIL \"dave\" \"example.net\")) ((\"Alice\" NIL \"alice\" \"example.org\")) NIL NIL NIL \"<numbers-1@example.net>\") "
            + "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 22 0 NIL NIL NIL NIL)"
            + "(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 36 0 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"fwd\") NIL NIL NIL) "
            + "\(lines) NIL NIL NIL NIL)"
        #expect(rendered == expected)
    }

    @Test func basicPartFields() throws {
        let (_, message) = try Fixture.parse("nested-multipart")
        let pdf = message.structure.parts[5]
        #expect(pdf.kind == .basic)
        #expect(pdf.parameters.list == [MIMEParameter(name: "name", value: "report.pdf")])
        #expect(pdf.contentTransferEncoding == "base64")
        #expect(pdf.disposition == ContentDisposition(type: "attachment", parameters: MIMEParameters([MIMEParameter(name: "filename", value: "report.pdf")])))
        #expect(pdf.size == "JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURl\r\nY29kZT4+CnN0cmVhbQp4nDPQM1Qo5ypUMFAwALJMLY31jBQsTAz1LBSKUrnCtRTyuAIBAP//AwBB".utf8.count)
        let decoded = pdf.decodedBody(in: try Fixture.bytes("nested-multipart"))
        #expect(!decoded.hadInvalidInput)
        #expect(decoded.bytes.starts(with: Array("%PDF-1.4".utf8)))
    }

    @Test func transferEncodingsOfParts() throws {
        let (bytes, message) = try Fixture.parse("transfer-encodings")
        let parts = message.structure.parts
        #expect(parts.map(\.contentTransferEncoding) == ["7bit", "7bit", "8bit", "base64", "base64", "quoted-printable", "x-uuencode", "binary"])
        #expect(parts[3].decodedText(in: bytes)?.text == "Grüße aus Köln\n")
        let junk = parts[4].decodedBody(in: bytes)
        #expect(junk == TransferDecodingResult(bytes: "Hello! world".bytes, hadInvalidInput: true))
        #expect(parts[5].decodedText(in: bytes)?.text == "soft break, bad =ZZ escape, lower été, trailing space end")
        #expect(parts[6].decodedBody(in: bytes).bytes == "begin 644 file".bytes)
        #expect(message.defects.contains(.unknownTransferEncoding("x-uuencode")))
        #expect(message.defects.contains(.invalidQuotedPrintable))
        #expect(message.searchText.body.contains("eight bit: naïve café"))
    }
}
