import Foundation
import MailCore
import TestSupport
import Testing
@testable import Delivery

/// RFC 6152 §3: downgrading a message to 7-bit for a next hop without 8BITMIME.
@Suite("SevenBitConversion")
struct SevenBitConversionTests {
    // MARK: Single part

    @Test("8-bit text/plain becomes quoted-printable; the header is kept but for the label; the text decodes back")
    func singleTextPart() async throws {
        let header = lines([
            "Return-Path: <alice@example.org>",
            "Received: from a.example by b.example; Tue, 1 Jul 2025 10:00:00 +0000",
            "From: Alice <alice@example.org>",
            "To: bob@example.net",
            "Subject: Gruss",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
        ])
        let longLine = String(repeating: "äöü abc = ", count: 40)
        let body = lines(["Grüße aus Köln – 100% = alles", longLine, "trailing space   ", ".", "From here", "tab\t", ""])
        let original = header + body
        let converted = try #require(SevenBitConversion.convert(original))
        expectSevenBit(converted)

        let expectedHeader = lines(Array(String(decoding: header, as: UTF8.self).components(separatedBy: "\r\n").dropLast())
            .map { $0 == "Content-Transfer-Encoding: 8bit" ? "Content-Transfer-Encoding: quoted-printable" : $0 })
        #expect(converted.starts(with: expectedHeader))
        let root = MessageParser().parse(converted).structure.root
        #expect(root.contentTransferEncoding == "quoted-printable")
        #expect(root.decodedBody(in: converted).bytes == body)
        #expect(Array(converted[root.bodyRange]) == QuotedPrintable.encode(body))
        expectSameContent(original, converted)
        try await expectPythonAgrees(original, converted)
    }

    @Test("a message without 8-bit octets comes back as the same bytes, even with 8bit labels")
    func sevenBitMessageUnchanged() {
        let message = lines([
            "From: a@example.org",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=b",
            "",
            "--b",
            "Content-Type: text/plain",
            "Content-Transfer-Encoding: 8bit",
            "",
            "plain",
            "--b--",
            "",
        ])
        #expect(SevenBitConversion.convert(message) == message)
    }

    // MARK: Multipart

    @Test("multipart/mixed: 7-bit part byte-exact, 8-bit HTML as QP, binary attachment as base64")
    func mixedParts() async throws {
        let blob = [UInt8](0...255) + [UInt8](0...255).reversed()
        let plainPart = lines(["Content-Type: text/plain; charset=us-ascii", "", "Plain ASCII part."]).dropLast(2)
        let htmlBody = lines(["<p>Grüße, «Bob»</p>", "<p>second line</p>"]).dropLast(2)
        let original = lines([
            "From: Alice <alice@example.org>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"outer\"",
            "",
            "This is a MIME message.",
            "--outer",
        ]) + plainPart + lines([
            "",
            "--outer",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
        ]) + htmlBody + lines([
            "",
            "--outer",
            "Content-Type: application/octet-stream",
            "Content-Transfer-Encoding: binary",
            "Content-Disposition: attachment; filename=\"blob.bin\"",
            "",
        ]) + blob + lines(["", "--outer--", "Epilogue.", ""])
        let converted = try #require(SevenBitConversion.convert(original))
        expectSevenBit(converted)
        #expect(converted.firstRange(of: Array(plainPart) + lines(["", "--outer"])) != nil)
        #expect(converted.firstRange(of: lines(["", "This is a MIME message.", "--outer"])) != nil)
        #expect(converted.firstRange(of: lines(["--outer--", "Epilogue.", ""])) != nil)

        let structure = MessageParser().parse(converted).structure
        #expect(structure.parts.map(\.contentTransferEncoding) == ["7bit", "7bit", "quoted-printable", "base64"])
        #expect(structure.parts[2].decodedBody(in: converted).bytes == Array(htmlBody))
        #expect(structure.parts[3].decodedBody(in: converted).bytes == blob)
        #expect(structure.parts[3].disposition?.parameters.value(named: "filename") == "blob.bin")
        expectSameContent(original, converted)
        try await expectPythonAgrees(original, converted)
    }

    @Test("multipart/alternative nested in mixed: both alternatives converted, 7-bit base64 attachment kept")
    func nestedAlternative() async throws {
        let attachment = lines(["Content-Type: image/png", "Content-Transfer-Encoding: base64", "",
                                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="])
            .dropLast(2)
        let original = lines([
            "From: a@example.org",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"mix\"",
            "Content-Transfer-Encoding: 8bit",
            "",
            "--mix",
            "Content-Type: multipart/alternative; boundary=alt",
            "",
            "--alt",
            "Content-Type: text/plain; charset=iso-8859-1",
            "",
            "Gr\u{00FC}\u{00DF}e",
            "--alt",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: binary",
            "",
            "<b>Grüße</b>",
            "--alt--",
            "",
            "--mix",
        ]) + attachment + lines(["", "--mix--", ""])
        let converted = try #require(SevenBitConversion.convert(original))
        expectSevenBit(converted)
        #expect(converted.firstRange(of: Array(attachment) + lines(["", "--mix--"])) != nil)
        let structure = MessageParser().parse(converted).structure
        #expect(structure.parts.map(\.subtype) == ["mixed", "alternative", "plain", "html", "png"])
        #expect(structure.parts.map(\.contentTransferEncoding) == ["7bit", "7bit", "quoted-printable", "quoted-printable", "base64"])
        expectSameContent(original, converted)
        try await expectPythonAgrees(original, converted)
    }

    @Test("message/rfc822 with an 8-bit body: the inner part is converted and the outer 8bit label becomes 7bit")
    func encapsulatedMessage() async throws {
        let original = lines([
            "From: a@example.org",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=b",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "See the forwarded message.",
            "--b",
            "Content-Type: message/rfc822",
            "Content-Transfer-Encoding: 8bit",
            "",
            "From: Carol <carol@example.com>",
            "Subject: inner",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            "Ça va très bien.",
            "--b--",
            "",
        ])
        let converted = try #require(SevenBitConversion.convert(original))
        expectSevenBit(converted)
        let structure = MessageParser().parse(converted).structure
        #expect(structure.parts.map(\.kind) == [.multipart, .text, .message, .text])
        #expect(structure.parts[2].contentTransferEncoding == "7bit")
        #expect(structure.parts[3].contentTransferEncoding == "quoted-printable")
        #expect(structure.parts[3].envelope?.subject == "inner")
        #expect(converted.firstRange(of: lines(["From: Carol <carol@example.com>", "Subject: inner"])) != nil)
        expectSameContent(original, converted)
        try await expectPythonAgrees(original, converted)
    }

    @Test("a part with no Content-Transfer-Encoding, or no header at all, gets the field added")
    func addsMissingField() async throws {
        let original = lines([
            "From: a@example.org",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=b",
            "",
            "--b",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "première",
            "--b",
            "",
            "deuxième",
            "--b--",
            "",
        ])
        let converted = try #require(SevenBitConversion.convert(original))
        expectSevenBit(converted)
        let text = String(decoding: converted, as: UTF8.self)
        #expect(text.contains("--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\npremi=C3=A8re\r\n--b"))
        #expect(text.contains("--b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ndeuxi=C3=A8me\r\n--b--"))
        expectSameContent(original, converted)
        try await expectPythonAgrees(original, converted)
    }

    @Test("8-bit preamble and epilogue octets become '?'; a 7-bit line over 998 octets is encoded too")
    func preambleAndLongLine() async throws {
        let long = String(repeating: "x", count: 1500)
        let original = lines([
            "From: a@example.org",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=b",
            "",
            "Préambule",
            "--b",
            "Content-Type: text/plain",
            "",
            long,
            "--b",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "é",
            "--b--",
            "Épilogue",
            "",
        ])
        let converted = try #require(SevenBitConversion.convert(original))
        expectSevenBit(converted)
        let text = String(decoding: converted, as: UTF8.self)
        #expect(text.contains("\r\n\r\nPr??ambule\r\n--b\r\n"))
        #expect(converted.reversed().starts(with: Array("--b--\r\n??pilogue\r\n\r\n".utf8).reversed()))
        let structure = MessageParser().parse(converted).structure
        #expect(structure.parts[1].contentTransferEncoding == "quoted-printable")
        expectSameContent(original, converted)
        try await expectPythonAgrees(original, converted)
    }

    @Test("quoted-printable that would start a line with the boundary falls back to base64")
    func boundaryCollisionUsesBase64() async throws {
        // After a soft line break at column 75, "--b1" alone would be a delimiter line.
        let line = String(repeating: "a", count: 75) + "--b1\r\né"
        let original = lines([
            "From: a@example.org",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=b1",
            "",
            "--b1",
            "Content-Type: text/plain; charset=utf-8",
            "",
            line,
            "--b1--",
            "",
        ])
        let converted = try #require(SevenBitConversion.convert(original))
        expectSevenBit(converted)
        let structure = MessageParser().parse(converted).structure
        #expect(structure.parts.count == 2)
        #expect(structure.parts[1].contentTransferEncoding == "base64")
        expectSameContent(original, converted)
        try await expectPythonAgrees(original, converted)
    }

    @Test("message/global with a UTF-8 inner header is base64-encoded whole (RFC 6532 §3.7)")
    func messageGlobalEncodedWhole() throws {
        let inner = lines(["From: Jürgen <j@example.de>", "Subject: Grüße", "", "Hallo"]).dropLast(2)
        let original = lines([
            "From: a@example.org",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=r",
            "",
            "--r",
            "Content-Type: text/plain",
            "",
            "Delivered.",
            "--r",
            "Content-Type: message/global",
            "",
        ]) + inner + lines(["", "--r--", ""])
        let converted = try #require(SevenBitConversion.convert(original))
        expectSevenBit(converted)
        let structure = MessageParser().parse(converted).structure
        let global = try #require(structure.parts.first { $0.subtype == "global" })
        #expect(global.contentTransferEncoding == "base64")
        #expect(global.decodedBody(in: converted).bytes == Array(inner))
    }

    // MARK: Cannot be made 7-bit

    @Test("nil: 8-bit top header, part header, inner message header; composite or unknown encodings over 8-bit")
    func refusals() {
        let eightBitSubject = lines(["From: a@example.org", "Subject: Grüße", "", "body é", ""])
        #expect(SevenBitConversion.convert(eightBitSubject) == nil)

        func multipart(_ part: [String]) -> [UInt8] {
            lines(["From: a@example.org", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=b", "", "--b"]
                  + part + ["--b--", ""])
        }
        let partHeader = multipart(["Content-Type: text/plain; name=\"Grüße.txt\"", "", "é"])
        #expect(SevenBitConversion.convert(partHeader) == nil)
        let innerHeader = multipart(["Content-Type: message/rfc822", "", "From: x@example.org", "Subject: Grüße", "", "é"])
        #expect(SevenBitConversion.convert(innerHeader) == nil)
        let deliveryStatus = multipart(["Content-Type: message/delivery-status", "Content-Transfer-Encoding: 8bit", "",
                                        "Reporting-MTA: dns; é.example"])
        #expect(SevenBitConversion.convert(deliveryStatus) == nil)
        let noBoundary = multipart(["Content-Type: multipart/alternative", "Content-Transfer-Encoding: 8bit", "", "é"])
        #expect(SevenBitConversion.convert(noBoundary) == nil)
        let uuencoded = multipart(["Content-Type: application/octet-stream", "Content-Transfer-Encoding: x-uuencode",
                                   "", "begin 644 é"])
        #expect(SevenBitConversion.convert(uuencoded) == nil)
    }

    // MARK: Malformed input

    @Test("missing close delimiter and a truncated part: what parses is converted")
    func malformedStructure() {
        let unclosed = lines(["From: a@example.org", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=b",
                              "", "--b", "Content-Type: text/plain; charset=utf-8", "", "encore é", ""])
        let converted = SevenBitConversion.convert(unclosed)
        let expectedEnd = Array("charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nencore =C3=A9\r\n\r\n".utf8)
        #expect(converted.map { $0.reversed().starts(with: expectedEnd.reversed()) } == true)
        converted.map(expectSevenBit)
        if let converted { expectSameContent(unclosed, converted) }

        let truncated = Array(unclosed.dropLast(4))
        let cut = SevenBitConversion.convert(truncated)
        cut.map(expectSevenBit)
        if let cut { expectSameContent(truncated, cut) }
    }

    @Test("random damage to 8-bit messages never crashes; every result is 7-bit and keeps the content")
    func randomDamage() {
        let seed = lines([
            "From: a@example.org", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=b", "", "pré",
            "--b", "Content-Type: multipart/alternative; boundary=c", "", "--c", "Content-Type: text/plain; charset=utf-8",
            "", "Grüße", "--c", "Content-Type: message/rfc822", "", "Subject: x", "", "é", "--c--", "--b",
            "Content-Type: application/octet-stream", "Content-Transfer-Encoding: binary", "", "\u{00FF}\u{0000}\r",
            "--b--", "",
        ])
        var generator = SeededGenerator(seed: 6152)
        var converted = 0
        for _ in 0..<400 {
            var message = seed
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<message.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: message.remove(at: position)
                case 1: message.insert([0x2D, 0x0D, 0x0A, 0xC3, 0x0A, 0x3A][Int.random(in: 0..<6, using: &generator)], at: position)
                default: message = Array(message[..<position])
                }
            }
            guard let result = SevenBitConversion.convert(message) else { continue }
            converted += 1
            expectSevenBit(result)
            expectSameContent(message, result)
        }
        #expect(converted > 50)
    }

    // MARK: Helpers

    /// The lines joined with CRLF, each ended by one.
    private func lines(_ lines: [String]) -> [UInt8] {
        Array(lines.map { $0 + "\r\n" }.joined().utf8)
    }

    /// RFC 2045 §2.7 / RFC 5322 §2.1.1: no octet above 127, no line over 998 octets.
    private func expectSevenBit(_ message: [UInt8]) {
        #expect(!message.contains { $0 > 127 })
        let longest = message.split(separator: 10, omittingEmptySubsequences: false)
            .map { $0.last == 13 ? $0.count - 1 : $0.count }.max() ?? 0
        #expect(longest <= 998)
    }

    /// MailCore sees the same tree (types) and the same decoded leaf bodies in both
    /// (text compared with line ends as CRLF, the canonical form of RFC 2046 §4.1.1).
    private func expectSameContent(_ original: [UInt8], _ converted: [UInt8]) {
        let before = MessageParser().parse(original).structure.parts
        let after = MessageParser().parse(converted).structure.parts
        #expect(before.map { "\($0.type)/\($0.subtype)" } == after.map { "\($0.type)/\($0.subtype)" })
        for (old, new) in zip(before, after) where old.kind == .text || old.kind == .basic {
            var oldBytes = old.decodedBody(in: original).bytes
            var newBytes = new.decodedBody(in: converted).bytes
            if old.kind == .text {
                oldBytes = canonicalLineEnds(oldBytes)
                newBytes = canonicalLineEnds(newBytes)
            }
            #expect(oldBytes == newBytes, "part \(old.type)/\(old.subtype)")
        }
    }

    /// Text with every bare LF made CRLF.
    private func canonicalLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8]()
        for (index, byte) in bytes.enumerated() {
            if byte == 10 && (index == 0 || bytes[index - 1] != 13) { output.append(13) }
            output.append(byte)
        }
        return output
    }

    /// Python's `email` parses the converted message without defects and decodes the same
    /// leaf payloads (text with LF line ends, as quopri gives them) as from the original.
    private func expectPythonAgrees(_ original: [UInt8], _ converted: [UInt8]) async throws {
        let directory = try TemporaryDirectory(prefix: "seven-bit")
        defer { directory.remove() }
        let paths = [directory.appending("original.eml"), directory.appending("converted.eml")]
        try Data(original).write(to: URL(fileURLWithPath: paths[0]))
        try Data(converted).write(to: URL(fileURLWithPath: paths[1]))
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", Self.pythonScript] + paths)
        try #require(result.status == 0, "\(result.standardError)")
        let views = try JSONDecoder().decode([[PythonPart]].self, from: Data(result.standardOutput.utf8))
        try #require(views.count == 2)
        let defects = views[1].flatMap(\.defects)
        #expect(defects.isEmpty, "\(defects)")
        #expect(views[1].map(\.type) == views[0].map(\.type))
        #expect(views[1].map(\.payload) == views[0].map(\.payload))
        #expect(views[1].contains { $0.payload != nil })
    }

    private struct PythonPart: Decodable, Equatable {
        var type: String
        var defects: [String]
        var payload: String?
    }

    private static let pythonScript = """
        import email, json, sys
        views = []
        for path in sys.argv[1:]:
            with open(path, "rb") as handle:
                message = email.message_from_bytes(handle.read())
            parts = []
            for part in message.walk():
                entry = {"type": part.get_content_type(), "defects": [type(d).__name__ for d in part.defects]}
                if not part.is_multipart():
                    data = part.get_payload(decode=True) or b""
                    if part.get_content_maintype() == "text":
                        data = data.replace(b"\\r\\n", b"\\n")
                    entry["payload"] = data.hex()
                parts.append(entry)
            views.append(parts)
        print(json.dumps(views))
        """
}
