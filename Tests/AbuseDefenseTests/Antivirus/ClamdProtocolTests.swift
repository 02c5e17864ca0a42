import Testing
@testable import AbuseDefense

/// The clamd INSTREAM encoding and the parsing of its replies (clamd(8)).
@Suite struct ClamdProtocolTests {
    @Test func chunkHeaderIsFourOctetsBigEndian() {
        #expect(ClamdStreamEncoder.chunkHeader(byteCount: 0x0102_0304) == [1, 2, 3, 4])
        #expect(ClamdStreamEncoder.chunkHeader(byteCount: 68) == [0, 0, 0, 68])
        #expect(ClamdStreamEncoder.chunkHeader(byteCount: UInt32.max) == [255, 255, 255, 255])
    }

    @Test func streamIsCommandChunksAndTerminator() {
        let message = Array("Hello, world".utf8)
        let stream = ClamdStreamEncoder.stream(of: message, chunkSize: 5)
        let expected: [UInt8] = Array("zINSTREAM".utf8) + [0]
            + [0, 0, 0, 5] + Array("Hello".utf8)
            + [0, 0, 0, 5] + Array(", wor".utf8)
            + [0, 0, 0, 2] + Array("ld".utf8)
            + [0, 0, 0, 0]
        #expect(stream == expected)
    }

    @Test func emptyMessageIsOnlyCommandAndTerminator() {
        #expect(ClamdStreamEncoder.stream(of: []) == Array("zINSTREAM".utf8) + [0, 0, 0, 0, 0])
        #expect(ClamdStreamEncoder.chunk([UInt8]()) == [])
    }

    @Test func messageOfExactlyOneChunkHasOneHeader() {
        let stream = ClamdStreamEncoder.stream(of: [7, 7, 7, 7], chunkSize: 4)
        #expect(stream == ClamdStreamEncoder.instreamCommand + [0, 0, 0, 4, 7, 7, 7, 7] + [0, 0, 0, 0])
    }

    @Test(arguments: [
        ("stream: OK", ClamdScanResult.clean),
        ("stream: OK\n", .clean),
        ("stream: Eicar-Test-Signature FOUND", .infected(signature: "Eicar-Test-Signature")),
        ("stream: Win.Test.EICAR_HDB-1.UNOFFICIAL FOUND", .infected(signature: "Win.Test.EICAR_HDB-1.UNOFFICIAL")),
        ("INSTREAM size limit exceeded. ERROR", .scanFailed(reason: "INSTREAM size limit exceeded.")),
        ("stream: Can't allocate memory ERROR", .scanFailed(reason: "Can't allocate memory")),
        ("ERROR", .scanFailed(reason: "unspecified error")),
    ])
    func parsesDocumentedReplies(reply: String, expected: ClamdScanResult) throws {
        #expect(try ClamdReplyParser.parse(Array(reply.utf8)) == expected)
    }

    @Test(arguments: ["", "stream: ", "PONG", "stream:  FOUND", "stream: OKAY", "UNKNOWN COMMAND"])
    func refusesUndocumentedReplies(reply: String) {
        #expect(throws: ClamdProtocolError.self) { try ClamdReplyParser.parse(Array(reply.utf8)) }
    }

    @Test func refusesControlCharactersInASignatureName() {
        // A name that would break the SMTP reply it is quoted in.
        #expect(throws: ClamdProtocolError.malformedReply("stream: Evil??250 OK FOUND")) {
            try ClamdReplyParser.parse(Array("stream: Evil\r\n250 OK FOUND".utf8))
        }
    }

    @Test func reassemblesAReplySplitAcrossReads() throws {
        var parser = ClamdReplyParser()
        #expect(try parser.append(Array("stream: Eicar-".utf8)) == nil)
        #expect(try parser.append(Array("Test-Signature FO".utf8)) == nil)
        #expect(try parser.append(Array("UND".utf8) + [0]) == .infected(signature: "Eicar-Test-Signature"))
        #expect(try parser.append(Array("trailing".utf8)) == .infected(signature: "Eicar-Test-Signature"))
        #expect(try parser.finish() == .infected(signature: "Eicar-Test-Signature"))
    }

    @Test func replyWithoutTerminatorIsReadWhenTheConnectionEnds() throws {
        var parser = ClamdReplyParser()
        #expect(try parser.append(Array("stream: OK".utf8)) == nil)
        #expect(try parser.finish() == .clean)
    }

    @Test func closeBeforeAnyReplyIsNoReply() {
        #expect(throws: ClamdProtocolError.noReply) { try ClamdReplyParser().finish() }
    }

    @Test func endlessReplyIsRefused() throws {
        var parser = ClamdReplyParser()
        let long = [UInt8](repeating: UInt8(ascii: "A"), count: ClamdReplyParser.maximumLength)
        #expect(try parser.append(long) == nil)
        #expect(throws: ClamdProtocolError.replyTooLong) { try parser.append([UInt8(ascii: "A")]) }
    }

    @Test func overlongSignatureNameIsRefused() {
        let name = String(repeating: "x", count: ClamdReplyParser.maximumNameLength + 1)
        #expect(throws: ClamdProtocolError.self) { try ClamdReplyParser.parse(Array("stream: \(name) FOUND".utf8)) }
    }
}
