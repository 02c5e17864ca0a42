import Testing
import MailCore
@testable import IMAPProtocol

@Suite("FETCH responses: ENVELOPE and BODYSTRUCTURE from MailCore, sections, streaming")
struct FetchResponseTests {
    private static func crlf(_ lines: [String]) -> [UInt8] {
        Array(lines.joined(separator: "\r\n").utf8)
    }

    /// The message of RFC 3501 §7.4.2's FETCH example (its header; a short body).
    private static let rfcExample = crlf([
        "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)",
        "From: Terry Gray <gray@cac.washington.edu>",
        "Subject: IMAP4rev1 WG mtg summary and minutes",
        "To: imap@cac.washington.edu",
        "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>",
        "Message-Id: <B27397-0100000@cac.washington.edu>",
        "MIME-Version: 1.0",
        "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII",
        "",
        "Minutes of the meeting.",
        "Second line.",
        "",
    ])

    /// MailCore's extension-fields fixture, whose BODYSTRUCTURE MailCore's tests compare with Dovecot's.
    private static let extensionFields = crlf([
        "From: user@example.com", "Date: Sat, 5 Apr 2014 10:00:00 +0000", "Mime-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"abc", " def\"", "", "prologue", "--abc def",
        "Content-Type: text/x-custom; charset=us-ascii; note=\"a\\\"quoted\\\"word\"", "Content-ID: <part1@example.com>",
        "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==", "Content-Disposition: inline; size=5", "Content-Description: the first part",
        "Content-Language: en, de", "Content-Location: http://example.com/one.txt", "", "hello", "", "--abc def",
        "Content-Type: text/plain; format=flowed", "Content-Transfer-Encoding: ?bogus", "", "text", "--abc def--", "",
    ])

    private static let innerMessage = "From: C <c@example.org>\r\nSubject: inner\r\n\r\nInner body"
    private static let forwarded = crlf([
        "From: A <a@example.org>", "To: B <b@example.org>", "Subject: fwd", "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"b1\"", "", "--b1", "Content-Type: text/plain; charset=utf-8", "", "Hi",
        "--b1", "Content-Type: message/rfc822", "", innerMessage, "--b1--", "",
    ])

    private func fetch(_ items: [FetchResponseItem], number: UInt32 = 12, utf8: Bool = false) -> String {
        written(ResponseWriterOptions(utf8Enabled: utf8)) { $0.write(.fetch(sequenceNumber: number, items: items)) }
    }

    @Test func rfcExampleEnvelopeAndBody() {
        let structure = MessageParser().parse(Self.rfcExample).structure
        let internalDate = MessageDate(secondsSinceEpoch: 837_596_665, zoneOffsetMinutes: -420)
        let text = fetch([.flags([.seen]), .internalDate(internalDate), .rfc822Size(4286), .envelope(structure.envelope),
                          .body(structure)])
        let gray = "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
        let expected = "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 "
            + "ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" \(gray) \(gray) \(gray) "
            + "((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")"
            + "(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\") "
            + "BODY (\"text\" \"plain\" (\"charset\" \"US-ASCII\") NIL NIL \"7bit\" 39 2))\r\n"
        #expect(text == expected)
    }

    @Test func bodyStructureWithExtensionDataAsDovecotSendsIt() {
        let structure = MessageParser().parse(Self.extensionFields).structure
        let expected = "((\"text\" \"x-custom\" (\"charset\" \"us-ascii\" \"note\" \"a\\\"quoted\\\"word\") \"<part1@example.com>\" "
            + "\"the first part\" \"7bit\" 7 1 \"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"inline\" (\"size\" \"5\")) (\"en\" \"de\") "
            + "\"http://example.com/one.txt\")(\"text\" \"plain\" (\"format\" \"flowed\" \"charset\" \"us-ascii\") NIL NIL \"7bit\" 4 0 "
            + "NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"abc def\") NIL NIL NIL)"
        #expect(fetch([.bodyStructure(structure)], number: 1) == "* 1 FETCH (BODYSTRUCTURE \(expected))\r\n")
        let body = "((\"text\" \"x-custom\" (\"charset\" \"us-ascii\" \"note\" \"a\\\"quoted\\\"word\") \"<part1@example.com>\" "
            + "\"the first part\" \"7bit\" 7 1)(\"text\" \"plain\" (\"format\" \"flowed\" \"charset\" \"us-ascii\") NIL NIL \"7bit\" 4 0) \"mixed\")"
        #expect(fetch([.body(structure)], number: 1) == "* 1 FETCH (BODY \(body))\r\n")
    }

    @Test func encapsulatedMessage() {
        let structure = MessageParser().parse(Self.forwarded).structure
        let inner = Self.innerMessage.utf8
        let lines = inner.filter { $0 == 0x0A }.count
        let c = "((\"C\" NIL \"c\" \"example.org\"))"
        let expected = "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 2 0 NIL NIL NIL NIL)"
            + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" \(inner.count) (NIL \"inner\" \(c) \(c) \(c) NIL NIL NIL NIL NIL) "
            + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL) \(lines) NIL NIL NIL NIL) "
            + "\"mixed\" (\"boundary\" \"b1\") NIL NIL NIL)"
        #expect(fetch([.bodyStructure(structure)], number: 3) == "* 3 FETCH (BODYSTRUCTURE \(expected))\r\n")
    }

    @Test func envelopeStringsNeedingLiterals() {
        let envelope = Envelope(subject: "Grüße\r\nfrom \"Bob\"", from: [EnvelopeAddress(name: "Zoë", mailbox: "z", host: "example.org")],
                                messageID: "<a@b>")
        let rev1 = fetch([.envelope(envelope)], number: 1)
        #expect(rev1 == "* 1 FETCH (ENVELOPE (NIL {19}\r\nGrüße\r\nfrom \"Bob\" (({4}\r\nZoë NIL \"z\" \"example.org\")) NIL NIL NIL NIL NIL NIL \"<a@b>\"))\r\n")
        // UTF-8 may be quoted once enabled; the line break still needs a literal.
        let rev2 = fetch([.envelope(envelope)], number: 1, utf8: true)
        #expect(rev2.contains("((\"Zoë\" NIL \"z\" \"example.org\"))"))
        #expect(rev2.contains("{19}\r\nGrüße"))
    }

    @Test func sectionsAndOtherItems() {
        let header = Array("Subject: hi\r\n\r\n".utf8)
        let text = fetch([.uid(4_827_313), .bodySection(SectionSpecifier(kind: .header), origin: nil, data: header),
                          .bodySection(SectionSpecifier(part: [1, 2], kind: .headerFields(["From", "X Y"])), origin: 0, data: []),
                          .bodySection(SectionSpecifier(part: [3]), origin: nil, data: nil), .modSeq(624_140_003),
                          .binarySize(part: [1], size: 1234), .binary(part: [2], data: [0x41, 0x00]), .binary(part: [], data: [0x42]),
                          .emailID("M6d99ac3275bb4e"), .threadID("T64b478a75b7ea9"), .threadID(nil), .preview("Hi there"),
                          .preview(nil), .saveDate(nil), .saveDate(MessageDate(secondsSinceEpoch: 0)),
                          .rfc822Header(Array("A: b\r\n\r\n".utf8)), .rfc822Size(15)], number: 23)
        let expected = "* 23 FETCH (UID 4827313 BODY[HEADER] {15}\r\nSubject: hi\r\n\r\n BODY[1.2.HEADER.FIELDS (From \"X Y\")]<0> {0}\r\n "
            + "BODY[3] NIL MODSEQ (624140003) BINARY.SIZE[1] 1234 BINARY[2] ~{2}\r\nA\0 BINARY[] {1}\r\nB "
            + "EMAILID (M6d99ac3275bb4e) THREADID (T64b478a75b7ea9) THREADID NIL PREVIEW \"Hi there\" PREVIEW NIL SAVEDATE NIL "
            + "SAVEDATE \" 1-Jan-1970 00:00:00 +0000\" RFC822.HEADER {8}\r\nA: b\r\n\r\n RFC822.SIZE 15)\r\n"
        #expect(text == expected)
    }

    @Test func streamedSectionLeavesTheContentToTheCaller() {
        var writer = ResponseWriter()
        writer.beginFetch(sequenceNumber: 7)
        writer.writeFetchItem(.uid(70))
        writer.beginStreamedFetchItem(.bodySection(SectionSpecifier(), origin: nil), size: 5)
        let head = writer.takeBytes()
        #expect(String(decoding: head, as: UTF8.self) == "* 7 FETCH (UID 70 BODY[] {5}\r\n")
        // The caller sends the five octets itself (from a blob), then carries on.
        writer.writeFetchItem(.flags([.seen]))
        writer.beginStreamedFetchItem(.binary(part: [1]), size: 2, binary: true)
        writer.appendRawBytes([0, 1])
        writer.beginStreamedFetchItem(.rfc822Text, size: 0)
        writer.endFetch()
        #expect(writer.takeBytes() == Array(" FLAGS (\\Seen) BINARY[1] ~{2}\r\n".utf8) + [0, 1] + Array(" RFC822.TEXT {0}\r\n)\r\n".utf8))
        #expect(writer.bytes.isEmpty)
    }
}
