import MailCore
import Testing
@testable import IMAPProtocol

@Suite("FETCH body sections: every section form, nested parts, partial ranges")
struct FetchSectionTests {
    private let nested = MessageFixtures.nested

    private func literal(_ text: String) -> String { "{\(text.utf8.count)}\r\n" + text }

    private func fetched(_ items: String, _ bytes: [UInt8]? = nil) throws -> String {
        try MessageFixtures.fetched("a FETCH 1 \(items)", MessageFixtures.message(bytes ?? nested))
    }

    private func between(_ start: String, _ end: String) -> String {
        MessageFixtures.text(nested, from: start, to: end)
    }

    @Test func wholeMessageHeaderAndText() throws {
        let whole = String(decoding: nested, as: UTF8.self)
        #expect(try fetched("BODY[]") == "* 1 FETCH (BODY[] \(literal(whole)))\r\n")
        let headerEnd = try #require(whole.range(of: "\r\n\r\n")).upperBound
        let header = String(whole[..<headerEnd])
        #expect(try fetched("BODY.PEEK[HEADER]") == "* 1 FETCH (BODY[HEADER] \(literal(header)))\r\n")
        let text = String(whole[headerEnd...])
        #expect(try fetched("BODY[TEXT]") == "* 1 FETCH (BODY[TEXT] \(literal(text)))\r\n")
        #expect(text.hasPrefix("preamble\r\n--outer"))
    }

    @Test func numericParts() throws {
        let alternative = between("boundary=\"inner\"\r\n\r\n", "\r\n--outer")
        #expect(alternative.hasPrefix("--inner\r\n") && alternative.hasSuffix("--inner--\r\n"))
        #expect(try fetched("BODY[1]") == "* 1 FETCH (BODY[1] \(literal(alternative)))\r\n")
        #expect(try fetched("BODY[1.1]") == "* 1 FETCH (BODY[1.1] \(literal("Caf=C3=A9 at noon=0D=0Asoft=\r\n break")))\r\n")
        #expect(try fetched("BODY[1.2]") == "* 1 FETCH (BODY[1.2] \(literal("<p>Caf\u{E9}</p>")))\r\n")
        #expect(try fetched("BODY[2]") == "* 1 FETCH (BODY[2] \(literal("AAECAwQ=")))\r\n")
        #expect(try fetched("BODY[4]") == "* 1 FETCH (BODY[4] \(literal("na\u{EF}ve")))\r\n")
    }

    @Test func mimeHeaders() throws {
        let mime = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        #expect(try fetched("BODY.PEEK[1.1.MIME]") == "* 1 FETCH (BODY[1.1.MIME] \(literal(mime)))\r\n")
        #expect(try fetched("BODY[3.MIME]") == "* 1 FETCH (BODY[3.MIME] \(literal("Content-Type: message/rfc822\r\n\r\n")))\r\n")
        #expect(try fetched("BODY[3.2.MIME]")
            == "* 1 FETCH (BODY[3.2.MIME] \(literal("Content-Type: image/png\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n")))\r\n")
    }

    @Test func encapsulatedMessage() throws {
        let inner = between("Content-Type: message/rfc822\r\n\r\n", "\r\n--outer")
        #expect(inner.hasPrefix("From: Eve") && inner.hasSuffix("--deep--\r\n"))
        #expect(try fetched("BODY[3]") == "* 1 FETCH (BODY[3] \(literal(inner)))\r\n")
        let header = "From: Eve <eve@example.org>\r\nSubject: inner message\r\nContent-Type: multipart/mixed; boundary=\"deep\"\r\n\r\n"
        #expect(try fetched("BODY[3.HEADER]") == "* 1 FETCH (BODY[3.HEADER] \(literal(header)))\r\n")
        #expect(try fetched("BODY[3.TEXT]") == "* 1 FETCH (BODY[3.TEXT] \(literal(String(inner.dropFirst(header.count)))))\r\n")
        #expect(try fetched("BODY[3.1]") == "* 1 FETCH (BODY[3.1] \(literal("deep text")))\r\n")
        #expect(try fetched("BODY[3.HEADER.FIELDS (SUBJECT)]")
            == "* 1 FETCH (BODY[3.HEADER.FIELDS (SUBJECT)] \(literal("Subject: inner message\r\n\r\n")))\r\n")
    }

    @Test func headerFieldSubsets() throws {
        let wanted = "Date: Mon, 7 Feb 1994 21:52:25 -0800\r\nX-Tag: first\r\nx-tag: second,\r\n  folded\r\n\r\n"
        #expect(try fetched("BODY.PEEK[HEADER.FIELDS (x-tag DATE)]")
            == "* 1 FETCH (BODY[HEADER.FIELDS (x-tag DATE)] \(literal(wanted)))\r\n")
        let others = "X-Tag: first\r\nx-tag: second,\r\n  folded\r\n\r\n"
        #expect(try fetched("BODY[HEADER.FIELDS.NOT (From To Cc Subject Date Message-ID MIME-Version Content-Type)]")
            == "* 1 FETCH (BODY[HEADER.FIELDS.NOT (From To Cc Subject Date Message-ID MIME-Version Content-Type)] \(literal(others)))\r\n")
        // A field that is absent leaves only the blank line.
        #expect(try fetched("BODY[HEADER.FIELDS (Newsgroups)]") == "* 1 FETCH (BODY[HEADER.FIELDS (Newsgroups)] {2}\r\n\r\n)\r\n")
    }

    @Test func headerWithoutBlankLineGetsNone() throws {
        let bytes = MessageFixtures.headerOnly
        #expect(try fetched("BODY[HEADER.FIELDS (SUBJECT)]", bytes)
            == "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] \(literal("Subject: nothing else\r\n")))\r\n")
        #expect(try fetched("BODY[TEXT]", bytes) == "* 1 FETCH (BODY[TEXT] {0}\r\n)\r\n")
        #expect(try fetched("BODY[HEADER]", bytes) == "* 1 FETCH (BODY[HEADER] \(literal("Subject: nothing else\r\nX-A: b\r\n")))\r\n")
    }

    @Test func singlePartMessage() throws {
        let bytes = MessageFixtures.simple
        let body = "Minutes of the meeting.\r\nSecond line.\r\n"
        #expect(try fetched("BODY[1]", bytes) == "* 1 FETCH (BODY[1] \(literal(body)))\r\n")
        #expect(try fetched("BODY[TEXT]", bytes) == "* 1 FETCH (BODY[TEXT] \(literal(body)))\r\n")
        #expect(try fetched("BODY[2]", bytes) == "* 1 FETCH (BODY[2] NIL)\r\n")
    }

    @Test func sectionsThatDoNotExistAreNIL() throws {
        #expect(try fetched("BODY[9]") == "* 1 FETCH (BODY[9] NIL)\r\n")
        #expect(try fetched("BODY[1.9]") == "* 1 FETCH (BODY[1.9] NIL)\r\n")
        #expect(try fetched("BODY[1.1.HEADER]") == "* 1 FETCH (BODY[1.1.HEADER] NIL)\r\n")
        #expect(try fetched("BODY[2.TEXT]") == "* 1 FETCH (BODY[2.TEXT] NIL)\r\n")
        #expect(try fetched("BODY[2.1]") == "* 1 FETCH (BODY[2.1] NIL)\r\n")
        #expect(try fetched("BODY[3.3]") == "* 1 FETCH (BODY[3.3] NIL)\r\n")
    }

    @Test func partialRanges() throws {
        let whole = String(decoding: nested, as: UTF8.self)
        #expect(try fetched("BODY[]<0.10>") == "* 1 FETCH (BODY[]<0> \(literal(String(whole.prefix(10)))))\r\n")
        #expect(try fetched("BODY.PEEK[1.1]<4.5>") == "* 1 FETCH (BODY[1.1]<4> \(literal("C3=A9")))\r\n")
        // Longer than what remains: up to the end.
        #expect(try fetched("BODY[2]<5.100>") == "* 1 FETCH (BODY[2]<5> \(literal("wQ=")))\r\n")
        // Starting at or beyond the end: an empty string.
        #expect(try fetched("BODY[2]<8.1>") == "* 1 FETCH (BODY[2]<8> {0}\r\n)\r\n")
        #expect(try fetched("BODY[]<4294967296000.5>") == "* 1 FETCH (BODY[]<4294967296000> {0}\r\n)\r\n")
        // On made content (a header subset).
        #expect(try fetched("BODY[3.HEADER.FIELDS (SUBJECT)]<9.5>")
            == "* 1 FETCH (BODY[3.HEADER.FIELDS (SUBJECT)]<9> \(literal("inner")))\r\n")
    }

    @Test func partialArithmeticAtTheEdges() {
        let range = FetchContent.messageRange(10..<20)
        #expect(SectionContent.applying(PartialRange(offset: 0, length: 0), to: range) == .messageRange(10..<10))
        #expect(SectionContent.applying(PartialRange(offset: 10, length: 1), to: range) == .messageRange(20..<20))
        #expect(SectionContent.applying(PartialRange(offset: 9, length: .max), to: range) == .messageRange(19..<20))
        #expect(SectionContent.applying(PartialRange(offset: .max, length: .max), to: range) == .messageRange(20..<20))
        #expect(SectionContent.applying(nil, to: range) == range)
        let made = FetchContent.made([1, 2, 3])
        #expect(SectionContent.applying(PartialRange(offset: 1, length: 1), to: made) == .made([2]))
        #expect(SectionContent.applying(PartialRange(offset: 3, length: 1), to: made) == .made([]))
    }

    @Test func rfc822Items() throws {
        let whole = String(decoding: nested, as: UTF8.self)
        let headerEnd = try #require(whole.range(of: "\r\n\r\n")).upperBound
        let header = String(whole[..<headerEnd])
        let text = String(whole[headerEnd...])
        #expect(try fetched("(RFC822.HEADER RFC822.TEXT RFC822)")
            == "* 1 FETCH (RFC822.HEADER \(literal(header)) RFC822.TEXT \(literal(text)) RFC822 \(literal(whole)))\r\n")
    }

    @Test func sectionsOfRangesAreNotCopied() throws {
        let plan = FetchPlan(try MessageFixtures.fetchCommand("a FETCH 1 (BODY[1.1] BODY[HEADER.FIELDS (TO)] RFC822)"))
        let outputs = try plan.render(MessageFixtures.message(nested))
        guard outputs.count == 3, case .streamed(_, .messageRange, false) = outputs[0], case .streamed(_, .made, false) = outputs[1],
              case .streamed(.rfc822, .messageRange(let whole), false) = outputs[2] else {
            Issue.record("unexpected outputs \(outputs)")
            return
        }
        #expect(whole == 0..<nested.count)
    }

    @Test func malformedMessageNeverFails() throws {
        let bytes = MessageFixtures.malformed
        let message = MessageFixtures.message(bytes)
        var forms = ["BODY[]", "BODY[HEADER]", "BODY[TEXT]", "BODY[HEADER.FIELDS (Subject)]", "BODY[HEADER.FIELDS.NOT (Subject)]",
                     "BODYSTRUCTURE", "ENVELOPE", "PREVIEW", "RFC822", "BINARY[]", "BINARY.SIZE[1]"]
        for part in ["1", "2", "1.1", "1.2.3"] {
            forms += ["BODY[\(part)]", "BODY[\(part).MIME]", "BODY[\(part).HEADER]", "BODY[\(part).TEXT]", "BINARY[\(part)]<1.3>"]
        }
        for form in forms {
            let outputs = try FetchPlan(try MessageFixtures.fetchCommand("a FETCH 1 \(form)")).render(message)
            #expect(outputs.count == 1, "\(form)")
            for case .streamed(_, let content, _) in outputs {
                #expect(content.octets(in: bytes).count <= bytes.count, "\(form)")
            }
        }
    }
}
