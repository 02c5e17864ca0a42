import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("FETCH plans: data needed, \\Seen, UID and MODSEQ, the other items")
struct FetchPlanTests {
    private func plan(_ line: String, condStore: Bool = false) throws -> FetchPlan {
        FetchPlan(try MessageFixtures.fetchCommand(line), condStoreEnabled: condStore)
    }

    @Test func requirementsFollowTheItems() throws {
        #expect(try plan("a FETCH 1:* FLAGS").requirement == .summary)
        #expect(try plan("a FETCH 1:* FAST").requirement == .summary)
        #expect(try plan("a FETCH 1:* (UID MODSEQ SAVEDATE EMAILID THREADID INTERNALDATE RFC822.SIZE)").requirement == .summary)
        #expect(try plan("a FETCH 1:* ALL").requirement == .structure)
        #expect(try plan("a FETCH 1:* FULL").requirement == .structure)
        #expect(try plan("a FETCH 1:* (FLAGS BODYSTRUCTURE)").requirement == .structure)
        #expect(try plan("a FETCH 1:* PREVIEW").requirement == .structure)
        // The message's own header is read without the rest.
        #expect(try plan("a FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM)])").requirement == .header)
        #expect(try plan("a FETCH 1:* (BODY.PEEK[HEADER.FIELDS.NOT (FROM)] ENVELOPE)").requirement == .header)
        #expect(try plan("a FETCH 1:* (UID BODY.PEEK[HEADER]<0.100>)").requirement == .header)
        #expect(try plan("a FETCH 1:* RFC822.HEADER").requirement == .header)
        // An encapsulated message's header, a part's MIME header, the text or the whole need all of it.
        #expect(try plan("a FETCH 1:* BODY.PEEK[2.HEADER]").requirement == .content)
        #expect(try plan("a FETCH 1:* BODY.PEEK[1.MIME]").requirement == .content)
        #expect(try plan("a FETCH 1:* (BODY.PEEK[HEADER] BODY.PEEK[TEXT])").requirement == .content)
        #expect(try plan("a FETCH 1:* BINARY.SIZE[1]").requirement == .content)
        #expect(try plan("a FETCH 1:* RFC822").requirement == .content)
    }

    @Test func seenIsSetByNonPeekBodies() throws {
        #expect(try plan("a FETCH 1 BODY[]").setsSeen)
        #expect(try plan("a FETCH 1 (FLAGS BODY[1.MIME])").setsSeen)
        #expect(try plan("a FETCH 1 RFC822").setsSeen)
        #expect(try plan("a FETCH 1 RFC822.TEXT").setsSeen)
        #expect(try !plan("a FETCH 1 RFC822.HEADER").setsSeen)
        #expect(try !plan("a FETCH 1 BODY.PEEK[]").setsSeen)
        #expect(try !plan("a FETCH 1 (FLAGS ENVELOPE BODYSTRUCTURE)").setsSeen)
        // The same section with and without PEEK is rendered once, and sets \Seen.
        let both = try plan("a FETCH 1 (BODY.PEEK[1] BODY[1] PREVIEW PREVIEW (LAZY))")
        #expect(both.setsSeen)
        #expect(both.attributes == [.bodySection(SectionSpecifier(part: [1]), partial: nil, peek: true), .preview(lazy: false)])
    }

    @Test func uidAndModSeqAreAdded() throws {
        #expect(try plan("a UID FETCH 1:* FLAGS").attributes == [.uid, .flags])
        #expect(try plan("a UID FETCH 1:* (FLAGS UID)").attributes == [.flags, .uid])
        #expect(try plan("a FETCH 1:* FLAGS").attributes == [.flags])
        #expect(try plan("a FETCH 1:* FLAGS", condStore: true).attributes == [.flags, .modSeq])
        #expect(try plan("a FETCH 1:* (FLAGS) (CHANGEDSINCE 5)").attributes == [.flags, .modSeq])
        #expect(try plan("a FETCH 1:* (FLAGS FLAGS UID MODSEQ UID)", condStore: true).attributes == [.flags, .uid, .modSeq])
    }

    @Test func summaryItems() throws {
        let flags = MessageFlags(system: [.seen, .answered], keywords: ["$Forwarded", "Work"])
        let summary = MessageFixtures.summary(uid: 42, modSeq: 9001, flags: flags, internalDate: 760_000_000,
                                              saveDate: 760_000_060, size: 1234)
        let message = FetchMessage(summary: summary, isRecent: true)
        let text = try MessageFixtures.fetched("a UID FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE MODSEQ SAVEDATE)", message)
        #expect(text == "* 1 FETCH (UID 42 FLAGS (\\Answered \\Seen $Forwarded Work \\Recent) INTERNALDATE \"31-Jan-1994 07:06:40 +0000\" "
            + "RFC822.SIZE 1234 MODSEQ (9001) SAVEDATE \"31-Jan-1994 07:07:40 +0000\")\r\n")
        let zoned = try MessageFixtures.fetched("a FETCH 1 INTERNALDATE", message,
                                                options: FetchRenderOptions(dateZoneOffsetMinutes: 120))
        #expect(zoned == "* 1 FETCH (INTERNALDATE \"31-Jan-1994 09:06:40 +0200\")\r\n")
    }

    @Test func objectIDs() throws {
        let summary = MessageFixtures.summary(uid: 1)
        let plan = try plan("a FETCH 1 (EMAILID THREADID)")
        #expect(try plan.render(FetchMessage(summary: summary)) == [.item(.threadID(nil))])
        #expect(try plan.render(FetchMessage(summary: summary, emailID: "M6d9", threadID: "T12"))
            == [.item(.emailID("M6d9")), .item(.threadID("T12"))])
    }

    @Test func structureItems() throws {
        let message = MessageFixtures.message(MessageFixtures.nested)
        let structure = try #require(message.structure)
        let outputs = try plan("a FETCH 1 (ENVELOPE BODY BODYSTRUCTURE PREVIEW)").render(FetchMessage(summary: message.summary, structure: structure))
        #expect(outputs == [.item(.envelope(structure.envelope)), .item(.body(structure)), .item(.bodyStructure(structure)),
                            .item(.preview("Caf\u{E9} at noon soft break"))])
        #expect(structure.envelope.subject == "=?utf-8?q?Caf=C3=A9?= plans")
    }

    @Test func previewIsBoundedTo256Characters() throws {
        var structure = MessageFixtures.structure(MessageFixtures.simple)
        structure.preview = String(repeating: "\u{E9}", count: 300)
        let outputs = try plan("a FETCH 1 PREVIEW").render(FetchMessage(summary: MessageFixtures.summary(uid: 1), structure: structure))
        guard case .item(.preview(let preview?))? = outputs.first else {
            Issue.record("no preview in \(outputs)")
            return
        }
        #expect(preview.unicodeScalars.count == 256)
    }

    @Test func flagsFollowAnImplicitSeen() throws {
        let summary = MessageFixtures.summary(uid: 3, flags: MessageFlags(system: [.seen]))
        let message = FetchMessage(summary: summary, structure: MessageFixtures.structure(MessageFixtures.simple),
                                   bytes: MessageFixtures.simple)
        let options = FetchRenderOptions(seenWasSet: true)
        let added = try plan("a FETCH 1 BODY[1]").render(message, options: options)
        #expect(added.last == .item(.flags([.seen])))
        #expect(added.count == 2)
        let asked = try plan("a FETCH 1 (FLAGS BODY[1])").render(message, options: options)
        #expect(asked.count == 2)
        #expect(asked.first == .item(.flags([.seen])))
        #expect(try plan("a FETCH 1 BODY[1]").render(message).count == 1)
    }

    @Test func missingDataIsReported() throws {
        let summaryOnly = FetchMessage(summary: MessageFixtures.summary(uid: 1))
        #expect(throws: FetchError.missingData(.structure)) { try plan("a FETCH 1 ENVELOPE").render(summaryOnly) }
        #expect(throws: FetchError.missingData(.content)) { try plan("a FETCH 1 BODY[]").render(summaryOnly) }
        #expect(try plan("a FETCH 1 (FLAGS UID)").render(summaryOnly).count == 2)
    }
}
