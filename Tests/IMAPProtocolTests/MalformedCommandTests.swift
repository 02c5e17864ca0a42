import Testing
@testable import IMAPProtocol

@Suite("Malformed commands are refused with BAD and their tag, never a crash")
struct MalformedCommandTests {
    @Test(arguments: [
        "t LOGIN", "t LOGIN a", "t LOGIN a b c", "t AUTHENTICATE", "t AUTHENTICATE PLAIN a b", "t ENABLE  X",
        "t SELECT", "t SELECT a b", "t EXAMINE", "t CREATE", "t CREATE a (USE)", "t CREATE a (USE (Drafts))",
        "t DELETE", "t DELETE a b", "t RENAME a", "t SUBSCRIBE", "t UNSUBSCRIBE", "t LIST", "t LIST \"\" % RETURN",
        "t LSUB \"\"", "t LSUB (SUBSCRIBED) \"\" %", "t STATUS a", "t STATUS a MESSAGES", "t NAMESPACE x",
        "t GETQUOTA", "t GETQUOTAROOT", "t SETQUOTA \"\"", "t SETQUOTA \"\" (STORAGE)", "t SETQUOTA \"\" (STORAGE x)",
        "t SETACL a b", "t DELETEACL a", "t GETACL", "t LISTRIGHTS a", "t MYRIGHTS", "t COMPRESS", "t ID", "t ID (\"a\" \"b\"",
        "t UID", "t UID NOOP", "t UID FETCH", "t UID STORE 1", "t COPY", "t MOVE 1", "t SORT", "t THREAD", "t THREAD REFERENCES",
        "t THREAD REFERENCES UTF-8", "t IDLE now", "t STARTTLS now", "t LOGOUT now", "t UNSELECT x", "t EXPUNGE 1",
        "t LOGIN \"unterminated", "t LOGIN \"a\\b\" c", "t SELECT \"a\u{0}b\"", "t FETCH 1 (UID FLAGS))", "t FETCH 1:* FLAGS ()",
        "t SEARCH RETURN () ", "t SEARCH NOT NOT", "t SEARCH HEADER", "t SEARCH MODSEQ", "t SEARCH EMAILID ()",
    ])
    func refusedWithTheirTag(line: String) {
        let refusal = rejection(line)
        #expect(refusal?.tag == "t")
        #expect(refusal?.closesConnection == false)
        #expect(refusal?.response.tag == "t")
    }

    @Test func refusalsAreAnsweredAsStatusResponses() {
        let response = rejection("t FROB")?.response
        #expect(response == StatusResponse(tag: "t", status: .bad, text: "unknown command FROB"))
        #expect(written { $0.write(StatusResponse(tag: "t", status: .bad, text: "unknown command FROB")) } == "t BAD unknown command FROB\r\n")
        #expect(rejection("t SEARCH CHARSET X-UNKNOWN ALL")?.response.status == .no)
    }

    @Test func commandNamesRoundTrip() {
        let lines = ["a CAPABILITY", "a UID FETCH 1 FLAGS", "a uid expunge 1", "a MOVE 1 x", "a UID THREAD REFERENCES UTF-8 ALL",
                     "a SETACL x y lr", "a ID NIL", "a COMPRESS DEFLATE"]
        #expect(lines.compactMap { command($0)?.name } == ["CAPABILITY", "UID FETCH", "UID EXPUNGE", "MOVE", "UID THREAD",
                                                            "SETACL", "ID", "COMPRESS"])
    }

    @Test func commandNamesIgnoreCase() {
        #expect(command("a uid fetch 1 (body.peek[header.fields (subject)] flags)") == .fetch(FetchCommand(
            sequenceSet: set(1...1), attributes: [.bodySection(SectionSpecifier(kind: .headerFields(["subject"])), partial: nil, peek: true),
                                                  .flags], usesUIDs: true)))
        #expect(command("a Select inbox") == .select(EncodedMailboxName("inbox"), .none))
    }
}
