import Testing
@testable import POP3Protocol

@Suite("POP3 line framer")
struct LineFramerTests {
    private func lines(_ framer: inout POP3LineFramer) -> [POP3FramedLine] {
        var result: [POP3FramedLine] = []
        while let line = framer.nextLine() { result.append(line) }
        return result
    }

    @Test("lines end with CRLF or LF, across appends")
    func lineEndings() {
        var framer = POP3LineFramer(maximumLineLength: 255)
        framer.append(Array("NOOP\r\nST".utf8))
        #expect(lines(&framer) == [.line(Array("NOOP".utf8))])
        framer.append(Array("AT\nQUIT\r".utf8))
        #expect(lines(&framer) == [.line(Array("STAT".utf8))])
        framer.append([10])
        #expect(lines(&framer) == [.line(Array("QUIT".utf8))])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test("a line at the limit passes, one octet more is overlong (CRLF counts)")
    func limit() {
        var framer = POP3LineFramer(maximumLineLength: 10)
        framer.append(Array("12345678\r\n123456789\r\nok\r\n".utf8))
        #expect(lines(&framer) == [.line(Array("12345678".utf8)), .overlongLine, .line(Array("ok".utf8))])
    }

    @Test("an endless line is dropped as it arrives, never buffered")
    func endlessLine() {
        var framer = POP3LineFramer(maximumLineLength: 16)
        for _ in 0..<1000 {
            framer.append(Array(repeating: UInt8(ascii: "x"), count: 100))
            #expect(lines(&framer).isEmpty)
            #expect(framer.bufferedByteCount <= 100)
        }
        framer.append(Array("\r\nNOOP\r\n".utf8))
        #expect(lines(&framer) == [.overlongLine, .line(Array("NOOP".utf8))])
    }

    @Test("stopping drops what is buffered and frames nothing more")
    func stop() {
        var framer = POP3LineFramer(maximumLineLength: 255)
        framer.append(Array("STLS\r\nUSER evil\r\n".utf8))
        #expect(framer.nextLine() == .line(Array("STLS".utf8)))
        #expect(framer.stop() == 11)
        framer.append(Array("NOOP\r\n".utf8))
        #expect(framer.nextLine() == nil)
        #expect(framer.bufferedByteCount == 0)
    }
}
