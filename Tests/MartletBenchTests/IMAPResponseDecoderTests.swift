import NIOCore
import Testing
@testable import martlet_bench

@Suite("IMAP responses")
struct IMAPResponseDecoderTests {
    @Test func greetingWithCapabilities() throws {
        let (exchange, _) = try feed(IMAPResponseDecoder(.greeting), "* OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE STARTTLS] ready\r\n")
        #expect(exchange?.capabilities == ["IMAP4REV1", "LITERAL+", "IDLE", "STARTTLS"])
        #expect(exchange?.ending == .greeting("OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE STARTTLS] ready"))
    }

    @Test func greetingMustBeUntagged() {
        #expect(throws: BenchError.self) { try feed(IMAPResponseDecoder(.greeting), "a1 OK hi\r\n") }
    }

    @Test(arguments: [1, 3, 16, 100_000])
    func literalsAreSkippedWhateverTheirContent(chunkSize: Int) throws {
        // The literal holds text that looks like a completion: it must not end the command.
        let literal = "b3 OK fake\r\n* 9 EXISTS\r\n"
        let text = "* 1 FETCH (BODY[] {\(literal.utf8.count)}\r\n\(literal))\r\n* 2 FETCH (FLAGS (\\Seen))\r\nb3 OK FETCH done\r\n"
        let (exchange, left) = try feed(IMAPResponseDecoder(.completion(tag: "b3", stopAtContinuation: false)), text, chunkSize: chunkSize)
        let unwrapped = try #require(exchange)
        #expect(unwrapped.ending == .completed(.ok, "FETCH done"))
        #expect(unwrapped.fetchResponses == 2)
        #expect(unwrapped.literalBytes == literal.utf8.count)
        #expect(unwrapped.lastExists == nil)
        #expect(left == 0)
    }

    @Test func tracksExistsAndExpunge() throws {
        let text = "* 12 EXISTS\r\n* 0 RECENT\r\n* 3 EXPUNGE\r\n* 3 EXPUNGE\r\nb7 OK [READ-WRITE] SELECT completed\r\n"
        let (exchange, _) = try feed(IMAPResponseDecoder(.completion(tag: "b7", stopAtContinuation: false)), text)
        #expect(exchange?.lastExists == 12)
        #expect(exchange?.expungesAfterExists == 2)
        #expect(exchange?.untaggedResponses == 4)
    }

    @Test func continuationEndsOnlyWhenAsked() throws {
        let (exchange, _) = try feed(IMAPResponseDecoder(.completion(tag: "b2", stopAtContinuation: true)), "+ idling\r\n")
        #expect(exchange?.ending == .continuation("idling"))
        #expect(throws: BenchError.self) {
            try feed(IMAPResponseDecoder(.completion(tag: "b2", stopAtContinuation: false)), "+ idling\r\n")
        }
    }

    @Test func refusalsAndCapabilitiesInTheCompletion() throws {
        let (exchange, _) = try feed(
            IMAPResponseDecoder(.completion(tag: "b1", stopAtContinuation: false)),
            "b1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n")
        #expect(exchange?.capabilities == ["IMAP4REV1", "IDLE"])
        let (refused, _) = try feed(IMAPResponseDecoder(.completion(tag: "b1", stopAtContinuation: false)), "b1 no [AUTHENTICATIONFAILED] bad\r\n")
        #expect(refused?.ending == .completed(.no, "[AUTHENTICATIONFAILED] bad"))
    }

    @Test(arguments: ["b9 OK other tag\r\n", "garbage\r\n", "* 1 FETCH {99999999999999}\r\n"])
    func rejectsUnexpectedResponses(_ text: String) {
        #expect(throws: BenchError.self) {
            try feed(IMAPResponseDecoder(.completion(tag: "b1", stopAtContinuation: false)), text)
        }
    }

    @Test func literalMarkers() throws {
        #expect(try IMAPResponseDecoder.literalLength(atEndOf: "* 1 FETCH (BODY[] {42}") == 42)
        #expect(try IMAPResponseDecoder.literalLength(atEndOf: "x {7+}") == 7)
        #expect(try IMAPResponseDecoder.literalLength(atEndOf: "b1 OK done {x}") == nil)
        #expect(try IMAPResponseDecoder.literalLength(atEndOf: "* OK {}") == nil)
    }

    @Test func quoting() {
        #expect(IMAPQuoting.quoted(#"pa"ss\word"#) == #""pa\"ss\\word""#)
        #expect(!IMAPQuoting.canQuote("a\r\nb"))
    }
}
