import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("SEARCH evaluation: every key of RFC 9051 §6.4.4 and the extensions")
struct SearchEvaluationTests {
    private let mailbox = SearchMailbox.standard

    private func uids(_ criteria: String, context: SearchContext? = nil) throws -> [UInt32] {
        try mailbox.uids(criteria, context: context)
    }

    @Test func flagKeys() throws {
        #expect(try uids("ALL") == [10, 11, 12, 20, 21])
        #expect(try uids("SEEN") == [10, 21])
        #expect(try uids("UNSEEN") == [11, 12, 20])
        #expect(try uids("ANSWERED") == [10])
        #expect(try uids("UNANSWERED") == [11, 12, 20, 21])
        #expect(try uids("FLAGGED") == [11])
        #expect(try uids("UNFLAGGED") == [10, 12, 20, 21])
        #expect(try uids("DELETED") == [11])
        #expect(try uids("UNDELETED") == [10, 12, 20, 21])
        #expect(try uids("DRAFT") == [20])
        #expect(try uids("UNDRAFT") == [10, 11, 12, 21])
    }

    @Test func keywordsIgnoreCase() throws {
        #expect(try uids("KEYWORD $work") == [10])
        #expect(try uids("KEYWORD JUNK") == [20])
        #expect(try uids("UNKEYWORD junk") == [10, 11, 12, 21])
        #expect(try uids("KEYWORD $Forwarded").isEmpty)
    }

    @Test func recentNewOld() throws {
        let context = SearchContext(now: SearchMailbox.now, recent: UIDSet([UID(12), UID(21)]))
        #expect(try uids("RECENT", context: context) == [12, 21])
        #expect(try uids("NEW", context: context) == [12])
        #expect(try uids("OLD", context: context) == [10, 11, 20])
        #expect(try uids("RECENT").isEmpty)
    }

    @Test func internalDatesByDayInTheDisplayZone() throws {
        #expect(try uids("ON 8-Feb-1994") == [11])
        #expect(try uids("BEFORE 8-Feb-1994") == [10])
        #expect(try uids("SINCE 9-Feb-1994") == [12, 20, 21])
        #expect(try uids("SINCE 9-Feb-1994 BEFORE 11-Feb-1994") == [12, 20])
        // 00:30 UTC on the 8th is still the 7th at -01:00.
        let west = SearchContext(now: SearchMailbox.now, dateZoneOffsetMinutes: -60)
        #expect(try uids("ON 7-Feb-1994", context: west) == [10, 11])
    }

    @Test func sentDatesUseTheHeaderZone() throws {
        // 23:30 -0800 on the 7th is the 8th in UTC; SENTON compares the day as written.
        #expect(try uids("SENTON 7-Feb-1994") == [10])
        #expect(try uids("SENTON 8-Feb-1994") == [11])
        #expect(try uids("SENTBEFORE 8-Feb-1994") == [10])
        #expect(try uids("SENTSINCE 8-Feb-1994") == [11, 21])
        // Without a readable Date header, no SENT key matches (and NOT of one does).
        #expect(try uids("NOT SENTSINCE 1-Jan-1900") == [12, 20])
    }

    @Test func saveDates() throws {
        #expect(try uids("SAVEDON 9-Feb-1994") == [11])
        #expect(try uids("SAVEDBEFORE 9-Feb-1994") == [10])
        #expect(try uids("SAVEDSINCE 11-Feb-1994") == [20, 21])
        #expect(try uids("SAVEDATESUPPORTED") == [10, 11, 12, 20, 21])
    }

    @Test func sizes() throws {
        #expect(try uids("LARGER 1000") == [11, 20])
        #expect(try uids("SMALLER 1000") == [10, 21])
        #expect(try uids("NOT LARGER 1000 NOT SMALLER 1000") == [12])
    }

    @Test func intervalsCountBackFromNow() throws {
        #expect(try uids("YOUNGER 100") == [21])
        #expect(try uids("YOUNGER 99").isEmpty)
        #expect(try uids("OLDER 100") == [10, 11, 12, 20, 21])
        #expect(try uids("OLDER 101") == [10, 11, 12, 20])
        // 1994-02-10 12:00 is 36 hours before now.
        #expect(try uids("YOUNGER 129600") == [20, 21])
    }

    @Test func modSeq() throws {
        let run = try mailbox.run("a SEARCH MODSEQ 8")
        #expect(run.result.uids.map(\.rawValue) == [11, 12, 21])
        #expect(run.plan.usesModSeq)
        #expect(try uids("MODSEQ \"/flags/\\\\draft\" all 9") == [12, 21])
        #expect(try !mailbox.run("a SEARCH ALL").plan.usesModSeq)
    }

    @Test func sequenceAndUIDSets() throws {
        #expect(try uids("2:3") == [11, 12])
        #expect(try uids("4:*") == [20, 21])
        #expect(try uids("*") == [21])
        #expect(try uids("1,3,5") == [10, 12, 21])
        #expect(try uids("9") == [])
        #expect(try uids("UID 11:20") == [11, 12, 20])
        #expect(try uids("UID *") == [21])
        // `*` is the largest UID, so 30:* is 21:30.
        #expect(try uids("UID 30:*") == [21])
        #expect(try uids("UID 1:9,22:25").isEmpty)
    }

    @Test func savedResult() throws {
        #expect(try uids("$").isEmpty)
        let context = SearchContext(now: SearchMailbox.now, savedResult: [UID(20), UID(11)])
        #expect(try uids("$", context: context) == [11, 20])
        #expect(try uids("UID $", context: context) == [11, 20])
        #expect(try uids("NOT $ SEEN", context: context) == [10, 21])
    }

    @Test func objectIDKeysMatchWhatTheStoreFound() throws {
        // Without the store's answers, nothing matches.
        #expect(try uids("EMAILID E123").isEmpty)
        #expect(try uids("THREADID T1").isEmpty)
        guard case .search(let command)? = command("a SEARCH OR EMAILID E123 (THREADID T1 NOT SEEN)") else {
            Issue.record("unparsed")
            return
        }
        let plan = SearchPlan(command.key)
        #expect(plan.objectIDQueries == [.emailID("E123"), .threadID("T1")])
        #expect(plan.requirement == .summary)
        let evaluation = plan.start(messages: mailbox.summaries, textMatches: [], objectIDMatches: [[UID(10)], [UID(20), UID(21)]],
                                    context: SearchContext(now: SearchMailbox.now))
        // UID 21 is in the thread but seen.
        #expect(evaluation.result.uids == [UID(10), UID(20)])
    }

    @Test func booleanCombinations() throws {
        #expect(try uids("OR SEEN FLAGGED") == [10, 11, 21])
        #expect(try uids("NOT SEEN") == [11, 12, 20])
        #expect(try uids("NOT NOT SEEN") == [10, 21])
        #expect(try uids("OR (SEEN ANSWERED) (DRAFT KEYWORD junk)") == [10, 20])
        #expect(try uids("(OR SEEN DRAFT) (OR LARGER 900 SMALLER 600)") == [10, 20, 21])
        #expect(try uids("NOT (SEEN LARGER 600)") == [10, 11, 12, 20])
        #expect(try uids("OR OR 1 2 UID 21") == [10, 11, 21])
        #expect(try uids("SEEN UNSEEN").isEmpty)
    }

    @Test func headerKeysFromTheEnvelope() throws {
        let run = try mailbox.run("a SEARCH HEADER Message-ID <a@x>")
        #expect(run.result.uids.map(\.rawValue) == [10])
        #expect(run.plan.requirement == .structure)
        #expect(try uids("HEADER SUBJECT réunion") == [11])
        #expect(try uids("HEADER Subject \"AGENDA\"") == [10, 21])
        #expect(try uids("HEADER In-Reply-To a@x") == [11])
        #expect(try uids("HEADER DATE \"-0800\"") == [10])
        // An empty string asks only for the field.
        #expect(try uids("HEADER Subject \"\"") == [10, 11, 12, 21])
    }

    @Test func headerKeysFromTheOctets() throws {
        let run = try mailbox.run("a SEARCH HEADER X-Priority 3")
        #expect(run.result.uids.map(\.rawValue) == [12])
        #expect(run.plan.requirement == .header)
        #expect(try uids("HEADER x-priority \"\"") == [10, 12])
        #expect(try uids("HEADER References \"A@X\"") == [21])
        #expect(try uids("HEADER CC carol") == [11])
        #expect(try uids("NOT HEADER X-Priority \"\"") == [11, 20, 21])
    }

    @Test func summariesDecideWhatTheyCan() throws {
        // Only the unseen messages need their structure for SENTON.
        let run = try mailbox.run("a SEARCH SEEN SENTON 7-Feb-1994")
        #expect(run.pending == 2)
        #expect(run.result.uids.map(\.rawValue) == [10])
        // OR with a true summary key needs nothing more.
        #expect(try mailbox.run("a SEARCH OR ALL SENTON 7-Feb-1994").pending == 0)
        #expect(try mailbox.run("a SEARCH FLAGGED SEEN").pending == 0)
    }

    @Test func undecidedMessagesWithoutDataDoNotMatch() throws {
        guard case .search(let command)? = command("a SEARCH SENTON 7-Feb-1994") else {
            Issue.record("unparsed")
            return
        }
        var evaluation = SearchPlan(command.key).start(messages: mailbox.summaries, textMatches: [],
                                                       context: SearchContext(now: SearchMailbox.now))
        #expect(evaluation.pending == [0, 1, 2, 3, 4])
        for index in evaluation.pending { evaluation.decide(index, structure: nil, bytes: nil) }
        #expect(evaluation.result.uids.isEmpty)
    }

    @Test func textKeysUseTheIndex() throws {
        #expect(try uids("SUBJECT meet") == [10, 21])
        #expect(try uids("SUBJECT réunion") == [11])
        #expect(try uids("FROM alice") == [10])
        #expect(try uids("TO bob") == [10])
        #expect(try uids("CC carol") == [11])
        #expect(try uids("BCC carol").isEmpty)
        #expect(try uids("BODY noon") == [12])
        #expect(try uids("TEXT carol") == [11, 12])
        #expect(try uids("NOT BODY meeting") == [11, 12, 20, 21])
        #expect(try uids("OR SUBJECT lunch FROM spammer") == [12, 20])
        #expect(try uids("SUBJECT meeting SEEN NOT FROM dave") == [10])
        // Word semantics: a string inside a word is not found.
        #expect(try uids("SUBJECT eting").isEmpty)
    }
}
