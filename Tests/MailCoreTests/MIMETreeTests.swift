import Testing
@testable import MailCore

@Suite("MIME tree and IMAP sections (RFC 2046 §5.1, RFC 9051 §6.4.5)")
struct MIMETreeTests {
    /// The bytes an IMAP section selects, as text.
    private func section(_ bytes: [UInt8], _ structure: MessageStructure, _ path: [Int], _ text: SectionText = .body) -> String? {
        bytes.text(structure.byteRange(forSection: path, text))
    }

    @Test(arguments: ["nested-multipart", "nested-multipart-lf"])
    func nestedMultipartSectionsSelectTheRightBytes(name: String) throws {
        let (bytes, message) = try Fixture.parse(name)
        let structure = message.structure
        let newline = name.hasSuffix("-lf") ? "\n" : "\r\n"
        func lines(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: newline) }

        #expect(structure.parts.map { "\($0.type)/\($0.subtype)" } == [
            "multipart/mixed", "text/plain", "multipart/alternative", "text/plain", "text/html",
            "application/pdf", "message/rfc822", "multipart/alternative", "text/plain", "text/html",
        ])
        #expect(structure.parts.map(\.kind) == [.multipart, .text, .multipart, .text, .text, .basic, .message, .multipart, .text, .text])
        #expect(structure.children(of: 0) == [1, 2, 5, 6])

        #expect(section(bytes, structure, [1]) == lines("Hi Bob,=20\nthe report is attached. Caf=C3=A9 at 10?"))
        #expect(section(bytes, structure, [1], .mime) == lines("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"))
        #expect(section(bytes, structure, [2, 1]) == "Plain alternative.")
        #expect(section(bytes, structure, [2, 2]) == "<html><body><p>HTML alternative.</p></body></html>")
        #expect(section(bytes, structure, [2]) == lines("--inner\nContent-Type: text/plain; charset=us-ascii\n\nPlain alternative.\n--inner\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>HTML alternative.</p></body></html>\n--inner--"))
        #expect(section(bytes, structure, [3]) == lines("JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURl\nY29kZT4+CnN0cmVhbQp4nDPQM1Qo5ypUMFAwALJMLY31jBQsTAz1LBSKUrnCtRTyuAIBAP//AwBB"))

        let forwardedHeader = lines("From: Dave <dave@example.net>\nTo: Alice <alice@example.org>\nSubject: Re: numbers\nDate: Sun, 2 Mar 2025 18:00:00 -0500\nMessage-ID: <numbers-1@example.net>\nContent-Type: multipart/alternative; boundary=\"fwd\"\n\n")
        let forwardedText = lines("--fwd\nContent-Type: text/plain\n\nThe numbers look good.\n--fwd\nContent-Type: text/html\n\n<p>The numbers look <b>good</b>.</p>\n--fwd--")
        #expect(section(bytes, structure, [4], .header) == forwardedHeader)
        #expect(section(bytes, structure, [4], .text) == forwardedText)
        #expect(section(bytes, structure, [4]) == forwardedHeader + forwardedText)
        #expect(section(bytes, structure, [4], .mime) == lines("Content-Type: message/rfc822\n\n"))
        #expect(section(bytes, structure, [4, 1]) == "The numbers look good.")
        #expect(section(bytes, structure, [4, 2]) == "<p>The numbers look <b>good</b>.</p>")
        #expect(section(bytes, structure, [4, 2], .mime) == lines("Content-Type: text/html\n\n"))

        // The whole message, its header and text.
        #expect(structure.byteRange(forSection: [], .body) == 0..<bytes.count)
        let header = try #require(section(bytes, structure, [], .header))
        #expect(header.hasPrefix("Return-Path:") && header.hasSuffix(lines("boundary=\"outer-boundary\"\n\n")))
        let text = try #require(section(bytes, structure, [], .text))
        #expect(text.hasPrefix("This is a multi-part") && text.hasSuffix(lines("--outer-boundary--\nEpilogue text.\n")))

        // Numbers that select nothing.
        for path in [[0], [5], [1, 1], [2, 3], [4, 3], [3, 1], [4, 1, 1]] {
            #expect(structure.partIndex(forSection: path) == nil, "\(path)")
        }
        #expect(structure.byteRange(forSection: [1], .header) == nil)
        #expect(structure.byteRange(forSection: [], .mime) == nil)
    }

    @Test func nonMultipartMessageHasPartOne() throws {
        let bytes = "Subject: single\r\n\r\nJust text.\r\n".bytes
        let structure = MessageParser().parse(bytes).structure
        #expect(structure.parts.count == 1)
        #expect(section(bytes, structure, [1]) == "Just text.\r\n")
        #expect(section(bytes, structure, [1], .mime) == "Subject: single\r\n\r\n")
        #expect(section(bytes, structure, [], .text) == "Just text.\r\n")
        #expect(structure.partIndex(forSection: [2]) == nil)
    }

    @Test func messageRFC822AtTopLevel() throws {
        let bytes = "Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nInner body\r\n".bytes
        let structure = MessageParser().parse(bytes).structure
        #expect(structure.parts.map(\.kind) == [.message, .text])
        #expect(section(bytes, structure, [1], .header) == "Subject: inner\r\n\r\n")
        #expect(section(bytes, structure, [1, 1]) == "Inner body\r\n")
        #expect(structure.parts[1].envelope?.subject == "inner")
    }

    @Test func missingCloseDelimiterRunsToTheEnd() throws {
        let (bytes, message) = try Fixture.parse("missing-close-delimiter")
        let structure = message.structure
        #expect(structure.parts.count == 3)
        #expect(section(bytes, structure, [1]) == "first")
        #expect(section(bytes, structure, [2]) == "second runs to the end\r\n")
        #expect(structure.root.bodyRange.upperBound == bytes.count)
        #expect(message.defects.contains(.missingCloseDelimiter(boundary: "mc")))
    }

    @Test func innerMultipartEndsAtTheOuterDelimiter() throws {
        let (bytes, message) = try Fixture.parse("inner-missing-close")
        let structure = message.structure
        #expect(structure.parts.map { "\($0.type)/\($0.subtype)" } == ["multipart/mixed", "multipart/alternative", "text/plain", "text/plain"])
        #expect(section(bytes, structure, [1, 1]) == "inner one")
        #expect(section(bytes, structure, [2]) == "outer two")
        #expect(message.defects.contains(.missingCloseDelimiter(boundary: "inner")))
        #expect(!message.defects.contains(.missingCloseDelimiter(boundary: "outer")))
    }

    @Test func missingBoundaryParameterMakesALeaf() throws {
        let (bytes, message) = try Fixture.parse("missing-boundary-parameter")
        #expect(message.structure.parts.count == 1)
        #expect(message.structure.root.kind == .basic)
        #expect(message.structure.root.type == "multipart")
        #expect(section(bytes, message.structure, [1])?.hasPrefix("--whatever") == true)
        #expect(message.hasDefect { if case .missingBoundary = $0 { true } else { false } })
    }

    @Test func multipartWithoutPartsGetsAnEmptyTextPart() throws {
        let (bytes, message) = try Fixture.parse("multipart-without-parts")
        let structure = message.structure
        #expect(structure.parts.count == 2)
        #expect(structure.parts[1].type == "text" && structure.parts[1].size == 0)
        #expect(section(bytes, structure, [1]) == "")
        #expect(section(bytes, structure, [], .text) == "There is no delimiter line in this body.\r\n")
        #expect(message.hasDefect { if case .multipartWithoutParts = $0 { true } else { false } })
    }

    @Test func digestPartsDefaultToMessageRFC822() throws {
        let (bytes, message) = try Fixture.parse("digest")
        let structure = message.structure
        #expect(structure.parts.map { "\($0.type)/\($0.subtype)" } == ["multipart/digest", "message/rfc822", "text/plain", "message/rfc822", "text/plain"])
        #expect(structure.parts[1].envelope == nil)
        #expect(structure.parts[2].envelope?.subject == "first")
        #expect(section(bytes, structure, [2, 1]) == "Second message.")
        #expect(section(bytes, structure, [1], .header) == "From: one@example.org\r\nSubject: first\r\n\r\n")
        #expect(section(bytes, structure, [1], .mime) == "\r\n")
    }

    @Test func encodedMessagePartIsNotParsed() throws {
        let (_, message) = try Fixture.parse("encoded-message-part")
        #expect(message.structure.parts.map(\.kind) == [.multipart, .basic])
        #expect(message.structure.parts[1].subtype == "rfc822")
        #expect(message.hasDefect { if case .encodedMessagePart = $0 { true } else { false } })
    }

    @Test func delimiterNeedsOnlyPaddingAfterIt() {
        let text = "Content-Type: multipart/mixed; boundary=ab\r\n\r\n--ab\r\n\r\none\r\n--abc\r\nnot a delimiter\r\n--ab \t\r\n\r\ntwo\r\n--ab--  \r\n"
        let bytes = text.bytes
        let structure = MessageParser().parse(bytes).structure
        #expect(structure.parts.count == 3)
        #expect(section(bytes, structure, [1]) == "one\r\n--abc\r\nnot a delimiter")
        #expect(section(bytes, structure, [2]) == "two")
        #expect(section(bytes, structure, [1], .mime) == "\r\n")
    }

    @Test func partWithHeaderAndNoBody() {
        let text = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n--b--\r\n"
        let bytes = text.bytes
        let structure = MessageParser().parse(bytes).structure
        #expect(structure.parts.count == 2)
        #expect(section(bytes, structure, [1], .mime) == "Content-Type: text/plain\r\n")
        #expect(section(bytes, structure, [1]) == "")
    }

    @Test func lineCountsFollowDovecot() throws {
        let (_, message) = try Fixture.parse("nested-multipart")
        let parts = message.structure.parts
        #expect(parts[1].lineCount == 1)
        #expect(parts[3].lineCount == 0)
        #expect(parts[6].lineCount == "From: Dave <dave@example.net>\nTo: Alice <alice@example.org>\nSubject: Re: numbers\nDate: Sun, 2 Mar 2025 18:00:00 -0500\nMessage-ID: <numbers-1@example.net>\nContent-Type: multipart/alternative; boundary=\"fwd\"\n\n--fwd\nContent-Type: text/plain\n\nThe numbers look good.\n--fwd\nContent-Type: text/html\n\n<p>The numbers look <b>good</b>.</p>\n--fwd--".lineFeedCount)
    }
}
