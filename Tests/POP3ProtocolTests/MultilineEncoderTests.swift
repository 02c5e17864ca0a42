import TestSupport
import Testing
@testable import POP3Protocol

@Suite("POP3 multi-line encoder and TOP excerpt")
struct MultilineEncoderTests {
    private func encoded(_ text: String, bodyLineLimit: Int? = nil) -> String {
        String(decoding: POP3MultilineEncoder.encodeWhole(Array(text.utf8), bodyLineLimit: bodyLineLimit), as: UTF8.self)
    }

    /// Encodes `content` cut at `cuts` (sorted offsets).
    private func encodedInChunks(_ content: [UInt8], cuts: [Int], bodyLineLimit: Int? = nil) -> [UInt8] {
        var encoder = POP3MultilineEncoder(bodyLineLimit: bodyLineLimit)
        var output: [UInt8] = []
        var start = 0
        for cut in cuts + [content.count] {
            output += encoder.encode(content[start..<cut])
            start = cut
        }
        return output + encoder.finish()
    }

    /// What a client does with a multi-line response: lines up to `.`, one leading `.` removed.
    private func clientView(_ wire: [UInt8]) -> (lines: [String], terminated: Bool) {
        var lines: [String] = []
        for line in String(decoding: wire, as: UTF8.self).components(separatedBy: "\r\n") {
            if line == "." { return (lines, true) }
            lines.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
        }
        return (lines, false)
    }

    @Test("lines starting with a dot are stuffed; others are not")
    func stuffing() {
        #expect(encoded(".\r\n..\r\nx.\r\n.x\r\n") == "..\r\n...\r\nx.\r\n..x\r\n.\r\n")
        #expect(encoded("a\r\n.\r\nb\r\n") == "a\r\n..\r\nb\r\n.\r\n")
    }

    @Test("a final line without line ending is ended before the terminator")
    func finalLine() {
        #expect(encoded("last line") == "last line\r\n.\r\n")
        #expect(encoded(".") == "..\r\n.\r\n")
        #expect(encoded("ends with CR\r") == "ends with CR\r\n.\r\n")
        #expect(encoded("") == ".\r\n")
        #expect(encoded("done\r\n") == "done\r\n.\r\n")
    }

    @Test("bare LF becomes CRLF, and a dot after it is stuffed")
    func bareLineFeeds() {
        #expect(encoded("a\n.b\nc") == "a\r\n..b\r\nc\r\n.\r\n")
    }

    @Test("every way of cutting a message into two or three chunks encodes the same")
    func chunkBoundaries() {
        let content = Array(".a\r\n..\r\n\r\n.\r\nx\r.\r\n.".utf8)
        let whole = POP3MultilineEncoder.encodeWhole(content)
        for first in 0...content.count {
            #expect(encodedInChunks(content, cuts: [first]) == whole)
            for second in first...content.count {
                #expect(encodedInChunks(content, cuts: [first, second]) == whole)
            }
        }
        let view = clientView(whole)
        #expect(view.terminated)
        #expect(view.lines == [".a", "..", "", ".", "x\r.", "."])
    }

    @Test("random content in random chunks reads back as it was", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomContent(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let alphabet = Array(".\r\nab.".utf8)
        var lines: [String] = []
        for _ in 0..<Int.random(in: 1...40, using: &generator) {
            let length = Int.random(in: 0...6, using: &generator)
            let bytes = (0..<length).compactMap { _ in
                alphabet.filter { $0 != 13 && $0 != 10 }.randomElement(using: &generator)
            }
            lines.append(String(decoding: bytes, as: UTF8.self))
        }
        let content = Array(lines.map { $0 + "\r\n" }.joined().utf8)
        var cuts: [Int] = []
        var position = 0
        while position < content.count {
            position += Int.random(in: 1...7, using: &generator)
            if position < content.count { cuts.append(position) }
        }
        let wire = encodedInChunks(content, cuts: cuts)
        let view = clientView(wire)
        #expect(view.terminated)
        #expect(view.lines == lines)
        #expect(wire == POP3MultilineEncoder.encodeWhole(content))
    }

    @Test("finish is idempotent and nothing is encoded after it")
    func finishOnce() {
        var encoder = POP3MultilineEncoder()
        #expect(encoder.encode(Array("x".utf8)) == Array("x".utf8))
        #expect(encoder.finish() == Array("\r\n.\r\n".utf8))
        #expect(encoder.isFinished)
        #expect(encoder.finish().isEmpty)
        #expect(encoder.encode(Array("y\r\n".utf8)).isEmpty)
    }

    // MARK: TOP

    private let message = "Subject: s\r\nFrom: f\r\n\r\none\r\n.two\r\nthree\r\n"

    @Test("TOP with 0 lines sends the header and the blank line")
    func topZero() {
        #expect(encoded(message, bodyLineLimit: 0) == "Subject: s\r\nFrom: f\r\n\r\n.\r\n")
        #expect(String(decoding: POP3TopExcerpt.cut(Array(message.utf8), bodyLineCount: 0), as: UTF8.self)
            == "Subject: s\r\nFrom: f\r\n\r\n")
    }

    @Test("TOP with n lines sends the first n body lines, stuffed")
    func topSome() {
        #expect(encoded(message, bodyLineLimit: 2) == "Subject: s\r\nFrom: f\r\n\r\none\r\n..two\r\n.\r\n")
        #expect(String(decoding: POP3TopExcerpt.cut(Array(message.utf8), bodyLineCount: 2), as: UTF8.self)
            == "Subject: s\r\nFrom: f\r\n\r\none\r\n.two\r\n")
    }

    @Test("TOP with more lines than exist sends the whole message")
    func topMore() {
        #expect(encoded(message, bodyLineLimit: 100) == encoded(message))
        #expect(POP3TopExcerpt.cut(Array(message.utf8), bodyLineCount: 100) == Array(message.utf8)[...])
        #expect(encoded("Subject: only a header\r\n", bodyLineLimit: 0) == "Subject: only a header\r\n.\r\n")
    }

    @Test("TOP in chunks stops at the limit and says so")
    func topChunks() {
        let content = Array(message.utf8)
        let whole = POP3MultilineEncoder.encodeWhole(content, bodyLineLimit: 1)
        for cut in 0...content.count {
            #expect(encodedInChunks(content, cuts: [cut], bodyLineLimit: 1) == whole)
        }
        var encoder = POP3MultilineEncoder(bodyLineLimit: 1)
        _ = encoder.encode(content)
        #expect(encoder.isComplete)
        #expect(encoder.encode(Array("more\r\n".utf8)).isEmpty)
        #expect(!POP3MultilineEncoder().isComplete)
    }

    @Test("TOP counts LF-only blank lines as the end of the header")
    func topBareLineFeeds() {
        #expect(encoded("A: b\n\nbody 1\nbody 2\n", bodyLineLimit: 1) == "A: b\r\n\r\nbody 1\r\n.\r\n")
        #expect(String(decoding: POP3TopExcerpt.cut(Array("A: b\n\nbody 1\nbody 2\n".utf8), bodyLineCount: 1), as: UTF8.self)
            == "A: b\n\nbody 1\n")
    }
}
