import TestSupport
import Testing
@testable import MailCore

@Suite("Byte scanning and line endings")
struct ByteLevelTests {
    @Test func countingMatchesANaiveCount() {
        var generator = SeededGenerator(seed: 11)
        for length in [0, 1, 7, 15, 16, 17, 100, 4_095, 5_000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next() % 4 + 9) }
            for start in [0, 1, 3] where start <= length {
                let range = start..<length
                #expect(bytes.count(of: ASCII.lineFeed, in: range) == bytes[range].filter { $0 == ASCII.lineFeed }.count)
            }
        }
        // Long runs of the byte (more than 255 per lane and 4,080 per block).
        let run = [UInt8](repeating: ASCII.lineFeed, count: 70_001)
        #expect(run.count(of: ASCII.lineFeed, in: 0..<run.count) == 70_001)
    }

    @Test func nonASCIIDetection() {
        var bytes = [UInt8](repeating: 65, count: 40)
        #expect(!bytes.containsNonASCII(in: 0..<40))
        bytes[33] = 0xC3
        #expect(bytes.containsNonASCII(in: 0..<40))
        #expect(!bytes.containsNonASCII(in: 0..<33))
        #expect(bytes.containsNonASCII(in: 33..<34))
    }

    @Test func lineBreakNormalizationForText() {
        let bytes = "a\r\nb\rc\nd\r".bytes
        var output = [UInt8]()
        bytes.appendNormalizingLineBreaks(0..<bytes.count, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "a\nb\nc\nd\n")
    }

    @Test func crlfNormalizationForStorage() {
        #expect(LineEndings.normalizedToCRLF("a\nb\r\nc\n".bytes) == "a\r\nb\r\nc\r\n".bytes)
        #expect(LineEndings.normalizedToCRLF("\n".bytes) == "\r\n".bytes)
        #expect(!LineEndings.hasBareLineFeeds("a\r\nb".bytes))
        #expect(LineEndings.hasBareLineFeeds("a\r\nb\n".bytes))
        // After normalization the LF fixture parses like the CRLF one.
        let lf = (try? Fixture.bytes("nested-multipart-lf")) ?? []
        let crlf = (try? Fixture.bytes("nested-multipart")) ?? [0]
        #expect(LineEndings.normalizedToCRLF(lf) == crlf)
    }

    @Test func headerFieldsOfAnEncapsulatedMessage() throws {
        // What IMAP needs for BODY[4.HEADER.FIELDS (SUBJECT FROM)]: the fields' own bytes.
        let (bytes, message) = try Fixture.parse("nested-multipart")
        let range = try #require(message.structure.byteRange(forSection: [4], .header))
        let header = MessageHeader(parsing: bytes, in: range)
        let wanted = header.fields.filter { header.field($0, isNamed: "subject") || header.field($0, isNamed: "FROM") }
        let text = wanted.map { bytes.text($0.range) ?? "" }.joined()
        #expect(text == "From: Dave <dave@example.net>\r\nSubject: Re: numbers\r\n")
        #expect(header.range == range)
    }

    @Test func generatedHeaderValues() {
        let disposition = ContentDisposition(type: "attachment", parameters: MIMEParameters([
            MIMEParameter(name: "filename*", value: "utf-8''%C3%A9t%C3%A9.pdf"), MIMEParameter(name: "size", value: "42"),
        ]))
        #expect(disposition.headerValue == "attachment; filename*=utf-8''%C3%A9t%C3%A9.pdf; size=42")
        let type = ContentType(type: "text", subtype: "plain", parameters: MIMEParameters([MIMEParameter(name: "charset", value: "utf-8")]))
        #expect(type.headerValue == "text/plain; charset=utf-8")
    }
}
