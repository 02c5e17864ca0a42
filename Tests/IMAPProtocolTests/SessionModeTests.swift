import Testing
@testable import IMAPProtocol

@Suite("STARTTLS and COMPRESS stops, IDLE and AUTHENTICATE lines")
struct SessionModeTests {
    @Test func startTLSStopsAndReportsPipelinedBytes() {
        var harness = ParserHarness()
        // RFC 9051 §6.2.1: anything pipelined after STARTTLS must be discarded.
        let injected = "b LOGIN evil pw\r\nc NOOP\r\n"
        let events = harness.feed("a STARTTLS\r\n" + injected)
        #expect(events == [.command(TaggedCommand(tag: "a", command: .startTLS))])
        #expect(harness.parser.isStopped)
        #expect(harness.parser.bufferedByteCount == injected.utf8.count)
        #expect(harness.parser.nextEvent() == nil)
        #expect(harness.parser.discardBufferedBytes() == injected.utf8.count)
        // The protected stream starts afresh.
        #expect(harness.feed("d CAPABILITY\r\n") == [.command(TaggedCommand(tag: "d", command: .capability))])
    }

    @Test func refusedStartTLSResumes() {
        var harness = ParserHarness()
        _ = harness.feed("a STARTTLS\r\nb NOOP\r\n")
        harness.parser.resume()
        #expect(harness.drain() == [.command(TaggedCommand(tag: "b", command: .noop))])
    }

    @Test func compressHandsOverTheCompressedBytes() {
        var harness = ParserHarness()
        let events = harness.feed(Array("a COMPRESS DEFLATE\r\n".utf8) + [0x78, 0x9C, 0x01])
        #expect(events == [.command(TaggedCommand(tag: "a", command: .compress(algorithm: "DEFLATE")))])
        #expect(harness.parser.takeBufferedBytes() == [0x78, 0x9C, 0x01])
        #expect(!harness.parser.isStopped)
    }

    @Test func idleWaitsForDone() {
        var harness = ParserHarness()
        #expect(harness.feed("a IDLE\r\n") == [.command(TaggedCommand(tag: "a", command: .idle))])
        harness.parser.expectIdleDone()
        #expect(harness.feed("b NOOP\r\n") == [.rejected(CommandRejection(tag: nil, text: "expected DONE to end IDLE"))])
        #expect(harness.feed("done\r\nc NOOP\r\n") == [.idleDone, .command(TaggedCommand(tag: "c", command: .noop))])
    }

    @Test func idleDoneLineIsBounded() {
        var configuration = CommandParserConfiguration()
        configuration.maximumLineLength = 1000
        var harness = ParserHarness(configuration)
        harness.parser.expectIdleDone()
        let events = harness.feed(String(repeating: "x", count: 2000) + " {5+}\r\nDONE\r\n")
        #expect(events.count == 2)
        #expect(events.first.map { if case .rejected(let refusal) = $0 { refusal.tag == nil } else { false } } == true)
        #expect(events.last == .idleDone)
    }

    @Test func authenticationResponses() {
        var harness = ParserHarness()
        #expect(harness.feed("a AUTHENTICATE PLAIN\r\n") == [.command(TaggedCommand(tag: "a", command: .authenticate(
            mechanism: "PLAIN", initialResponse: nil)))])
        harness.parser.expectAuthenticationResponse()
        #expect(harness.feed("AGZyZWQAdGlnZXI=\r\n") == [.authenticationResponse(.data(Array("\0fred\0tiger".utf8)))])
        harness.parser.expectAuthenticationResponse()
        #expect(harness.feed("\r\n") == [.authenticationResponse(.data([]))])
        harness.parser.expectAuthenticationResponse()
        #expect(harness.feed("*\r\n") == [.authenticationResponse(.cancelled)])
        harness.parser.expectAuthenticationResponse()
        #expect(harness.feed("not base64!\r\n") == [.rejected(CommandRejection(
            tag: nil, text: "the authentication response is not valid base64"))])
        // Back to commands; a literal-looking response is not a literal.
        harness.parser.expectAuthenticationResponse()
        #expect(harness.feed("{5}\r\n").count == 1)
        #expect(harness.feed("b NOOP\r\n") == [.command(TaggedCommand(tag: "b", command: .noop))])
    }

    @Test func modesAreIgnoredInTheMiddleOfACommand() {
        var harness = ParserHarness()
        _ = harness.feed("a LOGIN {3}\r\n")
        harness.parser.expectIdleDone()
        #expect(harness.feed("bob pw\r\n") == [.command(TaggedCommand(tag: "a", command: .login(username: "bob", password: "pw")))])
    }
}
