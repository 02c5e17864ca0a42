import Testing
import MailCore
@testable import IMAPProtocol

@Suite("SEARCH (RFC 9051 §6.4.4, ESEARCH, SEARCHRES, CONDSTORE, WITHIN, SAVEDATE, OBJECTID)")
struct SearchCommandTests {
    private func search(_ line: String) -> SearchCommand? {
        switch command(line) {
        case .search(let search)?: search
        default: nil
        }
    }

    @Test func rfc9051Examples() throws {
        #expect(search("A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"") == SearchCommand(
            returnOptions: [.min, .count], key: .and([.flagged, .since(try calendarDay(1994, 2, 1)), .not(.from("Smith"))])))
        #expect(search("A283 SEARCH RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"")?.returnOptions == [])
        #expect(search("A284 SEARCH TEXT \"string not in mailbox\"") == SearchCommand(key: .text("string not in mailbox")))
        #expect(search("A282 SEARCH RETURN (SAVE) SINCE 1-Feb-1994 FROM Smith")?.returnOptions == [.save])
        #expect(search("a UID SEARCH UID $ SMALLER 4096") == SearchCommand(key: .and([.uid(.lastResult), .smaller(4096)]),
                                                                           usesUIDs: true))
    }

    @Test func charsetLiteralIsConverted() {
        var harness = ParserHarness()
        #expect(harness.feed("A284 SEARCH CHARSET UTF-8 TEXT {12}\r\n") == [.continuationRequest])
        let events = harness.feed(Array("万里长城".utf8) + Array("\r\n".utf8))
        #expect(events == [.command(TaggedCommand(tag: "A284", command: .search(SearchCommand(charset: "UTF-8", key: .text("万里长城")))))])
    }

    @Test func otherCharsetsAreConvertedOrRefused() {
        // ISO-8859-1 "é" (0xE9) in a literal.
        var harness = ParserHarness()
        _ = harness.feed("a SEARCH CHARSET ISO-8859-1 SUBJECT {4}\r\n")
        let events = harness.feed([0x63, 0x61, 0x66, 0xE9, 0x0D, 0x0A])
        #expect(events == [.command(TaggedCommand(tag: "a", command: .search(SearchCommand(charset: "ISO-8859-1",
                                                                                            key: .subject("café")))))])
        // RFC 9051 §6.4.4: an unknown charset is a NO with BADCHARSET.
        let refusal = rejection("A285 SEARCH CHARSET WHATEVER TEXT \"My Documents\"")
        #expect(refusal?.status == .no)
        #expect(refusal?.code == .badCharset(["UTF-8", "US-ASCII"]))
        #expect(refusal?.tag == "A285")
        // Octets invalid in the named charset are a BAD.
        var invalid = ParserHarness()
        _ = invalid.feed("a SEARCH CHARSET UTF-8 BODY {2}\r\n")
        guard case .rejected(let bad)? = invalid.feed([0xC3, 0x28, 0x0D, 0x0A]).first else {
            Issue.record("invalid UTF-8 was accepted")
            return
        }
        #expect(bad.status == .bad)
    }

    @Test func everyCriterion() throws {
        let line = "a SEARCH ALL ANSWERED BCC b BEFORE 2-Jan-2020 BODY x CC c DELETED DRAFT FLAGGED FROM f HEADER X-Y z "
            + "KEYWORD $Work LARGER 100 NEW NOT SEEN OLD ON \"3-Mar-2021\" OR TO t SUBJECT s RECENT SEEN SENTBEFORE 1-Jan-2000 "
            + "SENTON 1-Jan-2000 SENTSINCE 1-Jan-2000 SINCE 1-Jan-2000 SMALLER 5 SUBJECT s TEXT t TO t UID 1:5 UNANSWERED "
            + "UNDELETED UNDRAFT UNFLAGGED UNKEYWORD $Junk UNSEEN 1,3:* OLDER 60 YOUNGER 30 SAVEDBEFORE 1-Jan-2020 "
            + "SAVEDON 1-Jan-2020 SAVEDSINCE 1-Jan-2020 SAVEDATESUPPORTED EMAILID M6d99ac3275bb4e THREADID T64b478a75b7ea9 "
            + "MODSEQ 5 (SEEN (DRAFT))"
        let sent = try calendarDay(2000, 1, 1)
        let saved = try calendarDay(2020, 1, 1)
        let expected: [SearchKey] = [
            .all, .answered, .bcc("b"), .before(try calendarDay(2020, 1, 2)), .body("x"), .cc("c"), .deleted, .draft, .flagged, .from("f"),
            .header("X-Y", "z"), .keyword("$Work"), .larger(100), .new, .not(.seen), .old, .on(try calendarDay(2021, 3, 3)),
            .or(.to("t"), .subject("s")), .recent, .seen, .sentBefore(sent), .sentOn(sent), .sentSince(sent), .since(sent),
            .smaller(5), .subject("s"), .text("t"), .to("t"), .uid(set(1...5)), .unanswered, .undeleted, .undraft, .unflagged,
            .unkeyword("$Junk"), .unseen, .sequenceSet(.ranges([SequenceRange(.number(1)), SequenceRange(.number(3), .last)])),
            .older(60), .younger(30), .savedBefore(saved), .savedOn(saved), .savedSince(saved), .saveDateSupported,
            .emailID("M6d99ac3275bb4e"), .threadID("T64b478a75b7ea9"), .modSeq(SearchModSeq(value: 5)), .and([.seen, .draft]),
        ]
        #expect(search(line)?.key == .and(expected))
    }

    @Test func modSeqWithEntry() {
        // RFC 7162 §3.1.5 example: the quoted entry name escapes its backslash.
        #expect(search("a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338")?.key == .modSeq(SearchModSeq(
            entryName: "/flags/\\draft", entryType: .all, value: 620_162_338)))
        #expect(rejection("a SEARCH MODSEQ \"/flags/\\\\draft\" most 1") != nil)
        #expect(rejection("a SEARCH MODSEQ \"/other/x\" all 1") != nil)
    }

    @Test func nestingIsBounded() {
        var configuration = CommandParserConfiguration()
        configuration.maximumNestingDepth = 10
        let shallow = "a SEARCH " + String(repeating: "NOT ", count: 8) + "SEEN"
        #expect(parsed(shallow, configuration: configuration) != nil)
        let deep = "a SEARCH " + String(repeating: "(", count: 11) + "SEEN" + String(repeating: ")", count: 11)
        #expect(parsed(deep, configuration: configuration) == nil)
        // The default bound holds a hostile depth without exhausting the stack.
        let hostile = "a SEARCH " + String(repeating: "NOT ", count: 5000) + "SEEN"
        #expect(rejection(hostile)?.text.contains("deeply") == true)
    }

    @Test func malformedSearches() {
        let refused = ["a SEARCH", "a SEARCH FROB", "a SEARCH BEFORE 31-Feb-2020", "a SEARCH ON 1-Foo-2020", "a SEARCH ON 1-Jan-20",
                       "a SEARCH OR SEEN", "a SEARCH NOT", "a SEARCH (SEEN", "a SEARCH SEEN)", "a SEARCH LARGER x",
                       "a SEARCH OLDER 0", "a SEARCH RETURN (FROB) ALL", "a SEARCH RETURN MIN ALL", "a SEARCH KEYWORD",
                       "a SEARCH HEADER Subject", "a SEARCH CHARSET", "a SEARCH UID", "a SEARCH  SEEN", "a SEARCH SEEN "]
        for line in refused {
            #expect(rejection(line) != nil, "\(line)")
        }
    }

    @Test func datesAreCalendarDates() throws {
        #expect(SearchDate(year: 2024, month: 2, day: 29) != nil)
        #expect(SearchDate(year: 2023, month: 2, day: 29) == nil)
        #expect(try calendarDay(1994, 2, 1).description == "1-Feb-1994")
        #expect(try calendarDay(1994, 2, 1).startOfDay()?.secondsSinceEpoch == 760_060_800)
        #expect(try calendarDay(1994, 2, 1).startOfDay(zoneOffsetMinutes: 60)?.secondsSinceEpoch == 760_057_200)
        let first = try calendarDay(1994, 2, 1)
        let second = try calendarDay(1994, 2, 2)
        #expect(first < second)
    }
}
