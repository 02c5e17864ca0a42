import TestSupport
import Testing
@testable import MailCore

@Suite("Hostile and malformed input")
struct HostileInputTests {
    /// Checks what must hold for any parse: ranges inside the message, a consistent tree
    /// (decoding re-validates it), and a lossless binary round trip.
    private func checkInvariants(_ bytes: [UInt8], _ message: ParsedMessage, sourceLocation: SourceLocation = #_sourceLocation) {
        let structure = message.structure
        #expect(structure.size == bytes.count, sourceLocation: sourceLocation)
        #expect(!structure.parts.isEmpty, sourceLocation: sourceLocation)
        for part in structure.parts {
            #expect(part.headerRange.upperBound <= bytes.count && part.bodyRange.upperBound <= bytes.count, sourceLocation: sourceLocation)
            #expect(part.headerRange.upperBound <= part.bodyRange.lowerBound || part.headerRange.isEmpty, sourceLocation: sourceLocation)
        }
        #expect((try? MessageStructure(decoding: structure.encoded())) == structure, sourceLocation: sourceLocation)
    }

    @Test func emptyInput() {
        let message = MessageParser().parse([])
        #expect(message.structure.parts.count == 1)
        #expect(message.structure.root.kind == .text)
        #expect(message.structure.byteRange(forSection: [1], .body) == 0..<0)
        #expect(message.searchText == SearchableText())
        checkInvariants([], message)
    }

    private static func nestedMultiparts(depth: Int) -> [UInt8] {
        var text = "Subject: deep\r\n"
        for level in 0..<depth {
            text += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n"
        }
        text += "Content-Type: text/plain\r\n\r\ninnermost\r\n"
        for level in (0..<depth).reversed() { text += "--b\(level)--\r\n" }
        return text.bytes
    }

    @Test func thousandDeepMultipartsStopAtTheDepthLimit() {
        let bytes = Self.nestedMultiparts(depth: 1_000)
        let message = MessageParser().parse(bytes)
        let limit = MessageParserLimits().maximumMIMEDepth
        #expect(message.structure.parts.count == limit + 1)
        #expect(message.structure.parts.last?.kind == .basic)
        #expect(message.defects.contains(.nestingTooDeep(limit: limit)))
        #expect(message.structure.partIndex(forSection: Array(repeating: 1, count: limit)) == limit)
        checkInvariants(bytes, message)
    }

    @Test func thousandDeepMultipartsWithAHighLimit() {
        let bytes = Self.nestedMultiparts(depth: 1_000)
        var limits = MessageParserLimits()
        limits.maximumMIMEDepth = 5_000
        let message = MessageParser(limits: limits).parse(bytes)
        #expect(message.structure.parts.count == 1_001)
        #expect(message.searchText.body == "innermost")
        #expect(bytes.text(message.structure.byteRange(forSection: Array(repeating: 1, count: 1_000), .body)) == "innermost")
        checkInvariants(bytes, message)
    }

    @Test func thousandDeepMessageParts() {
        var text = ""
        for _ in 0..<1_000 { text += "Content-Type: message/rfc822\r\n\r\n" }
        text += "Subject: core\r\n\r\ncore text\r\n"
        let bytes = text.bytes
        let message = MessageParser().parse(bytes)
        #expect(message.structure.parts.count == MessageParserLimits().maximumMIMEDepth + 1)
        checkInvariants(bytes, message)
    }

    @Test func hugeSingleLineBody() {
        let bytes = "Subject: big\r\nContent-Type: text/plain\r\n\r\n".bytes + [UInt8](repeating: UInt8(ascii: "a"), count: 8_000_000)
        var limits = MessageParserLimits()
        limits.maximumSearchableBodyBytes = 1_000
        let message = MessageParser(limits: limits).parse(bytes)
        #expect(message.structure.root.lineCount == 0)
        #expect(message.structure.root.size == 8_000_000)
        #expect(message.searchText.body.utf8.count == 1_000)
        checkInvariants(bytes, message)
    }

    @Test func partCountIsBounded() {
        var text = "Content-Type: multipart/mixed; boundary=p\r\n\r\n"
        for index in 0..<200 { text += "--p\r\n\r\npart \(index)\r\n" }
        text += "--p--\r\n"
        var limits = MessageParserLimits()
        limits.maximumParts = 10
        let bytes = text.bytes
        let message = MessageParser(limits: limits).parse(bytes)
        #expect(message.structure.parts.count == 10)
        #expect(message.structure.root.childCount == 9)
        #expect(message.structure.root.bodyRange.upperBound == bytes.count)
        #expect(message.defects.contains(.tooManyParts(limit: 10)))
        checkInvariants(bytes, message)
    }

    @Test func manyDelimiterLikeLinesStayLinear() {
        // Lines that start like a delimiter but are not one, at several nesting levels.
        var text = "Content-Type: multipart/mixed; boundary=aaaa\r\n\r\n--aaaa\r\nContent-Type: multipart/mixed; boundary=aaaab\r\n\r\n--aaaab\r\n\r\n"
        text += String(repeating: "--aaaaa\r\n--aaaabc\r\n--aaa\r\n", count: 50_000)
        text += "--aaaab--\r\n--aaaa--\r\n"
        let bytes = text.bytes
        let message = MessageParser().parse(bytes)
        #expect(message.structure.parts.count == 3)
        // The line break before the close delimiter belongs to the delimiter.
        #expect(message.structure.parts[2].lineCount == 150_000 - 1)
        checkInvariants(bytes, message)
    }

    @Test func defectsAreBounded() {
        let text = String(repeating: "no colon here\r\n", count: 10_000)
        var limits = MessageParserLimits()
        limits.maximumDefects = 20
        let message = MessageParser(limits: limits).parse(("Subject: x\r\n" + text + "\r\nbody").bytes)
        #expect(message.defects.count == 20)
        #expect(message.defects.last == .tooManyDefects)
    }

    @Test func nulAndEightBitEverywhere() {
        var bytes = [UInt8]()
        for value in 0..<4096 { bytes.append(UInt8(truncatingIfNeeded: value &* 7919)) }
        let message = MessageParser().parse(bytes)
        checkInvariants(bytes, message)
    }

    @Test func randomMessagesFromMailVocabulary() {
        let vocabulary = [
            "Content-Type: multipart/mixed; boundary=a\r\n", "Content-Type: multipart/alternative; boundary=\"b\"\r\n",
            "Content-Type: message/rfc822\r\n", "Content-Type: text/html; charset=koi8-r\r\n", "Content-Type: text/plain\r\n",
            "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: quoted-printable\r\n",
            "Content-Type: multipart/digest; boundary=a\r\n", "Subject: =?utf-8?q?x=C3?= =?utf-8?b?qQ==?=\r\n",
            "From: \"a <b@c>, d@e (f\r\n", "Date: 1 Jan 99 25:61 XYZ\r\n", "\r\n", "\n", "\r", "--a\r\n", "--a--\r\n", "--b\r\n",
            "--b--\r\n", "text =ZZ =\r\n", "<p>&amp;&#x;</p>", " folded\r\n", "\u{0}", "\u{FF}", "é", "=?", "?=", ";", "\"",
            "Content-Disposition: attachment; filename*0*=utf-8''%E2; filename*1=x\r\n", "X: y\r\n", "AAAA", "SGVsbG8=\r\n",
        ]
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<3_000 {
            var bytes = [UInt8]()
            let count = Int(generator.next() % 40)
            for _ in 0..<count { bytes += vocabulary[Int(generator.next() % UInt64(vocabulary.count))].bytes }
            let message = MessageParser().parse(bytes)
            checkInvariants(bytes, message)
            for _ in 0..<5 {
                let path = (0..<Int(generator.next() % 4)).map { _ in Int(generator.next() % 4) }
                for text in [SectionText.body, .header, .text, .mime] {
                    if let range = message.structure.byteRange(forSection: path, text) {
                        #expect(range.upperBound <= bytes.count)
                    }
                }
            }
        }
    }
}
