import NIOCore
import Testing
@testable import martlet_bench

/// Feeds `text` to `decoder` in chunks of `chunkSize` bytes, as a network would; returns
/// the output and how many bytes of `text` it did not consume.
func feed<Decoder: InboundFrameDecoder>(_ decoder: Decoder, _ text: String, chunkSize: Int = .max) throws(BenchError) -> (Decoder.Output?, Int) {
    var decoder = decoder
    var buffer = ByteBuffer()
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + chunkSize)
        buffer.writeBytes(bytes[offset..<end])
        offset = end
        if let output = try decoder.decode(&buffer) { return (output, buffer.readableBytes + bytes.count - offset) }
    }
    return (nil, buffer.readableBytes)
}

@Suite("SMTP replies")
struct SMTPReplyDecoderTests {
    @Test func singleLineReply() throws {
        let (replies, left) = try feed(SMTPReplyDecoder(), "250 2.0.0 Ok: queued\r\n")
        #expect(replies == [SMTPReply(code: 250, lines: ["2.0.0 Ok: queued"])])
        #expect(left == 0)
    }

    @Test func multiLineReplyAndBareCode() throws {
        let (replies, _) = try feed(SMTPReplyDecoder(count: 2), "250-mx.test\r\n250-PIPELINING\r\n250 SIZE 100\r\n354\r\n", chunkSize: 3)
        let unwrapped = try #require(replies)
        #expect(unwrapped.map(\.code) == [250, 354])
        #expect(unwrapped[0].lines == ["mx.test", "PIPELINING", "SIZE 100"])
        #expect(unwrapped[1].lines == [""])
        #expect(unwrapped[1].isIntermediate)
    }

    @Test(arguments: [1, 2, 7, 1000])
    func pipelinedRepliesArriveInAnyChunking(chunkSize: Int) throws {
        let text = "250 2.1.0 Ok\r\n550 5.1.1 no such user\r\n554 5.5.1 no valid recipients\r\n"
        let (replies, left) = try feed(SMTPReplyDecoder(count: 3), text, chunkSize: chunkSize)
        #expect(replies?.map(\.code) == [250, 550, 554])
        #expect(replies?[1].errorKind == "smtp-5xx")
        #expect(left == 0)
    }

    @Test func waitsForTheLastLine() throws {
        let (replies, left) = try feed(SMTPReplyDecoder(), "250-first\r\n250-second\r\n")
        #expect(replies == nil)
        #expect(left == 0)
    }

    @Test func leavesBytesOfTheNextReply() throws {
        let (replies, left) = try feed(SMTPReplyDecoder(), "220 hello\r\n250 ne")
        #expect(replies?.first?.code == 220)
        #expect(left == 6)
    }

    @Test(arguments: ["hello\r\n", "25\r\n", "abc text\r\n", "250_x\r\n", "650 six hundred\r\n"])
    func rejectsWhatIsNotAReply(_ text: String) {
        #expect(throws: BenchError.self) { try feed(SMTPReplyDecoder(), text) }
    }

    @Test func rejectsACodeChangeInsideAReply() {
        #expect(throws: BenchError.self) { try feed(SMTPReplyDecoder(), "250-a\r\n251 b\r\n") }
    }

    @Test func rejectsAnEndlessLine() {
        let long = String(repeating: "x", count: BenchLimits.maximumLineLength + 10)
        #expect(throws: BenchError.self) { try feed(SMTPReplyDecoder(), "250 " + long) }
    }

    @Test func readsEHLOCapabilities() throws {
        let (replies, _) = try feed(SMTPReplyDecoder(), "250-mx.test hello\r\n250-pipelining\r\n250-SIZE 1000\r\n250-AUTH PLAIN login\r\n250 8BITMIME\r\n")
        let capabilities = SMTPCapabilities(ehloReply: try #require(replies?.first))
        #expect(capabilities.pipelining)
        #expect(capabilities.eightBitMIME)
        #expect(!capabilities.startTLS)
        #expect(capabilities.keywords["SIZE"] == ["1000"])
        #expect(capabilities.authenticationMechanisms == ["PLAIN", "LOGIN"])
    }
}

@Suite("POP3 responses")
struct POP3ResponseDecoderTests {
    @Test func statusLines() throws {
        let (ok, _) = try feed(POP3ResponseDecoder(), "+OK 2 320\r\n")
        #expect(ok == POP3Response(isOK: true, text: "2 320"))
        let (error, _) = try feed(POP3ResponseDecoder(multiline: true), "-ERR [IN-USE] locked\r\n")
        #expect(error?.isOK == false)
        #expect(error?.text == "[IN-USE] locked")
    }

    @Test(arguments: [1, 5, 4096])
    func multiLineDataIsUnstuffedAndCounted(chunkSize: Int) throws {
        let text = "+OK message follows\r\nSubject: x\r\n\r\n..dot line\r\nlast\r\n.\r\n+OK next"
        let (response, left) = try feed(POP3ResponseDecoder(multiline: true, keepLines: true), text, chunkSize: chunkSize)
        let unwrapped = try #require(response)
        #expect(unwrapped.lines == ["Subject: x", "", ".dot line", "last"])
        #expect(unwrapped.dataByteCount == unwrapped.lines.reduce(0) { $0 + $1.utf8.count + 2 })
        #expect(left == "+OK next".utf8.count)
    }

    @Test func retrieveKeepsNoLines() throws {
        let (response, _) = try feed(POP3ResponseDecoder(multiline: true), "+OK\r\nabc\r\n.\r\n")
        #expect(response?.lines == [])
        #expect(response?.dataByteCount == 5)
    }

    @Test func rejectsAnythingElse() {
        #expect(throws: BenchError.self) { try feed(POP3ResponseDecoder(), "* OK imap\r\n") }
    }
}

@Suite("Dot-stuffing")
struct DotStuffingTests {
    @Test func stuffsLeadingDotsAndEndsWithCRLF() {
        let stuffed = DotStuffing.stuff(Array(".a\r\nb.\r\n..c".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "..a\r\nb.\r\n...c\r\n")
    }
}
