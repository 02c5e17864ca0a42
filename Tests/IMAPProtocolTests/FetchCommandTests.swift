import Testing
@testable import IMAPProtocol

@Suite("FETCH (RFC 9051 §6.4.5, BINARY, CONDSTORE/QRESYNC, PREVIEW, OBJECTID, SAVEDATE)")
struct FetchCommandTests {
    private func fetch(_ line: String) -> FetchCommand? {
        switch command(line) {
        case .fetch(let fetch)?: fetch
        default: nil
        }
    }

    @Test func macrosExpand() {
        #expect(fetch("a FETCH 1 ALL")?.attributes == [.flags, .internalDate, .rfc822Size, .envelope])
        #expect(fetch("a FETCH 1 fast")?.attributes == [.flags, .internalDate, .rfc822Size])
        #expect(fetch("a FETCH 1 FULL")?.attributes == [.flags, .internalDate, .rfc822Size, .envelope, .body])
    }

    @Test func simpleAttributes() {
        let all = fetch("a FETCH 2:4 (ENVELOPE FLAGS INTERNALDATE RFC822.SIZE BODY BODYSTRUCTURE UID RFC822 RFC822.HEADER "
            + "RFC822.TEXT MODSEQ EMAILID THREADID SAVEDATE PREVIEW)")
        #expect(all?.attributes == [.envelope, .flags, .internalDate, .rfc822Size, .body, .bodyStructure, .uid, .rfc822,
                                    .rfc822Header, .rfc822Text, .modSeq, .emailID, .threadID, .saveDate, .preview(lazy: false)])
        #expect(all?.sequenceSet == set(2...4))
        #expect(fetch("a FETCH 1 flags")?.attributes == [.flags])
    }

    @Test func bodySections() {
        // RFC 9051 §6.4.5 example.
        #expect(fetch("A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])")?.attributes == [
            .flags, .bodySection(SectionSpecifier(kind: .headerFields(["DATE", "FROM"])), partial: nil, peek: false)])
        #expect(fetch("a FETCH 1 BODY[]")?.attributes == [.bodySection(SectionSpecifier(), partial: nil, peek: false)])
        #expect(fetch("a FETCH 1 BODY.PEEK[1.2.MIME]")?.attributes == [
            .bodySection(SectionSpecifier(part: [1, 2], kind: .mime), partial: nil, peek: true)])
        #expect(fetch("a FETCH 1 (BODY[4.2.HEADER.FIELDS.NOT (\"X-Spam\" Received)]<0.2048>)")?.attributes == [
            .bodySection(SectionSpecifier(part: [4, 2], kind: .headerFieldsNot(["X-Spam", "Received"])),
                         partial: PartialRange(offset: 0, length: 2048), peek: false)])
        #expect(fetch("a FETCH 1 (BODY.PEEK[TEXT]<100.50> BODY[3] BODY[2.TEXT] BODY[HEADER])")?.attributes == [
            .bodySection(SectionSpecifier(kind: .text), partial: PartialRange(offset: 100, length: 50), peek: true),
            .bodySection(SectionSpecifier(part: [3]), partial: nil, peek: false),
            .bodySection(SectionSpecifier(part: [2], kind: .text), partial: nil, peek: false),
            .bodySection(SectionSpecifier(kind: .header), partial: nil, peek: false)])
    }

    @Test func binary() {
        #expect(fetch("a FETCH 1 (BINARY[1.2]<0.100> BINARY.PEEK[] BINARY.SIZE[1])")?.attributes == [
            .binary(part: [1, 2], partial: PartialRange(offset: 0, length: 100), peek: false),
            .binary(part: [], partial: nil, peek: true),
            .binarySize(part: [1])])
    }

    @Test func previewLazyIsToldApartFromModifiers() {
        #expect(fetch("a FETCH 1 (PREVIEW (LAZY) UID)")?.attributes == [.preview(lazy: true), .uid])
        let withModifier = fetch("a FETCH 1:* PREVIEW (CHANGEDSINCE 5)")
        #expect(withModifier?.attributes == [.preview(lazy: false)])
        #expect(withModifier?.changedSince == 5)
    }

    @Test func modifiersAndUIDForm() {
        // RFC 7162 §3.1.4.1 and §3.2.6 examples.
        let changed = fetch("s100 FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)")
        #expect(changed?.changedSince == 12345)
        #expect(changed?.vanished == false)
        #expect(changed?.sequenceSet == .ranges([SequenceRange(.number(1), .last)]))
        let vanished = fetch("s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)")
        #expect(vanished == FetchCommand(sequenceSet: set(300...500), attributes: [.flags], changedSince: 12345,
                                         vanished: true, usesUIDs: true))
        // VANISHED only with UID FETCH and CHANGEDSINCE (RFC 7162 §3.2.6).
        #expect(rejection("a FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)")?.status == .bad)
        #expect(rejection("a UID FETCH 1:* (FLAGS) (VANISHED)")?.status == .bad)
    }

    @Test func savedResultAndSeenSemantics() {
        #expect(fetch("A283 FETCH $ (UID INTERNALDATE FLAGS RFC822.SIZE)")?.sequenceSet == .lastResult)
        let attributes = fetch("a FETCH 1 (BODY[] BODY.PEEK[] BINARY[1] RFC822 RFC822.HEADER RFC822.TEXT)")?.attributes ?? []
        #expect(attributes.map(\.setsSeen) == [true, false, true, true, false, true])
    }

    @Test func malformedFetches() {
        let refused = ["a FETCH 1", "a FETCH 1 ()", "a FETCH 0 FLAGS", "a FETCH 1 BODY[MIME]", "a FETCH 1 BODY.PEEK",
                       "a FETCH 1 BODY[1.]", "a FETCH 1 BODY[]<1.0>", "a FETCH 1 BODY[]<1>", "a FETCH 1 BODY[HEADER.FIELDS ()]",
                       "a FETCH 1 BODY[HEADER.FIELDS]", "a FETCH 1 (FLAGS", "a FETCH 1 FROB", "a FETCH 1 (FLAGS) (FROB)",
                       "a FETCH 1 BINARY[TEXT]", "a FETCH 4294967296 FLAGS", "a FETCH 1:2:3 FLAGS", "a FETCH 1,,2 FLAGS",
                       "a FETCH 1 BODY[0]", "a FETCH 1 PREVIEW (LAZY"]
        for line in refused {
            #expect(rejection(line)?.status == .bad, "\(line)")
        }
    }

    @Test func sectionSpecifierText() {
        #expect(SectionSpecifier(part: [1, 2], kind: .headerFields(["A", "B"])).text == "1.2.HEADER.FIELDS (A B)")
        #expect(SectionSpecifier().text == "")
        #expect(SectionSpecifier(kind: .text).text == "TEXT")
        #expect(SectionSpecifier(part: [3], kind: .mime).sectionText == .mime)
    }
}
