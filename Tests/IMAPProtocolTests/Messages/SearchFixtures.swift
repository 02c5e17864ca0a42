import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

/// A small mailbox for SEARCH tests, with an index that works on words as the store's does.
struct SearchMailbox {
    struct Entry {
        var summary: MessageSummary
        var bytes: [UInt8]
        var structure: MessageStructure
    }

    var entries: [Entry]
    /// 1994-02-12 00:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 761_011_200)

    static func message(_ header: [String], body: String = "Body text.") -> [UInt8] {
        MessageFixtures.crlf(header + ["", body, ""])
    }

    static let standard = SearchMailbox(entries: [
        entry(uid: 10, modSeq: 5, flags: MessageFlags(system: [.seen, .answered], keywords: ["$Work"]), arrived: 760_615_200, size: 500,
              message(["From: Alice <alice@example.org>", "To: Bob <bob@example.org>", "Subject: Meeting agenda",
                       "Date: Mon, 7 Feb 1994 23:30:00 -0800", "Message-ID: <a@x>", "X-Priority: 1"],
                      body: "Agenda for the quarterly meeting.")),
        entry(uid: 11, modSeq: 8, flags: MessageFlags(system: [.flagged, .deleted]), arrived: 760_667_400, size: 1500,
              message(["From: Bob <bob@example.org>", "Subject: =?utf-8?q?R=C3=A9union?= notes",
                       "Date: Tue, 8 Feb 1994 01:00:00 +0100", "In-Reply-To: <a@x>", "Cc: Carol <carol@example.org>"],
                      body: "Notes from the reunion.")),
        entry(uid: 12, modSeq: 12, flags: .none, arrived: 760_795_200, size: 1000,
              message(["From: Carol <carol@example.org>", "Subject: Lunch", "X-Priority: 3 (low)"], body: "Lunch at noon?")),
        entry(uid: 20, modSeq: 3, flags: MessageFlags(system: [.draft], keywords: ["Junk"]), arrived: 760_881_600, size: 20_000,
              message(["From: Spammer <s@spam.example>", "Date: yesterday"], body: "Buy now.")),
        entry(uid: 21, modSeq: 30, flags: MessageFlags(system: [.seen]), arrived: 761_011_100, size: 999,
              message(["From: Dave <dave@example.org>", "Subject: Re: Meeting agenda", "Date: Fri, 11 Feb 1994 23:59:00 +0000",
                       "References: <a@x>"], body: "Sounds good.")),
    ])

    static func entry(uid: UInt32, modSeq: UInt64, flags: MessageFlags, arrived: Int64, size: Int, _ bytes: [UInt8]) -> Entry {
        Entry(summary: MessageFixtures.summary(uid: uid, modSeq: modSeq, flags: flags, internalDate: arrived,
                                               saveDate: arrived + 86_400, size: size),
              bytes: bytes, structure: MessageFixtures.structure(bytes))
    }

    var summaries: [MessageSummary] { entries.map(\.summary) }

    /// What the word index returns: messages whose field has every word of the term, the
    /// last as a prefix (decoded, case-insensitive).
    func indexSearch(_ query: TextSearchQuery) -> [UID] {
        entries.filter { entry in
            let parsed = MessageParser().parse(entry.bytes)
            return query.terms.allSatisfy { term in
                let text = parsed.searchText
                let haystack: String = switch term.field {
                case .subject: text.subject
                case .from: text.from
                case .to: text.to
                case .cc: text.cc
                case .bcc: text.bcc
                case .body: text.body
                case .text: [text.subject, text.from, text.to, text.cc, text.bcc, text.body].joined(separator: " ")
                }
                return Self.wordsMatch(term.text, in: haystack)
            }
        }.map(\.summary.uid)
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    private static func wordsMatch(_ term: String, in text: String) -> Bool {
        let wanted = words(term)
        guard !wanted.isEmpty else { return true }
        let have = words(text)
        guard have.count >= wanted.count else { return false }
        for start in 0...(have.count - wanted.count) {
            let window = have[start..<(start + wanted.count)]
            let matched = zip(window, wanted).enumerated().allSatisfy { offset, pair in
                offset == wanted.count - 1 ? pair.0.hasPrefix(pair.1) : pair.0 == pair.1
            }
            if matched { return true }
        }
        return false
    }

    /// Runs a SEARCH line the way the session does; returns the evaluation's result and how
    /// many messages needed more than their summary.
    func run(_ line: String, context: SearchContext? = nil) throws -> (result: SearchResult, pending: Int, plan: SearchPlan) {
        guard case .search(let command)? = command(line) else {
            Issue.record("not a SEARCH: \(line)")
            throw MessageFixtures.FixtureError.unparsed
        }
        let plan = SearchPlan(command.key)
        let matches = plan.textQueries.map(indexSearch)
        var evaluation = plan.start(messages: summaries, textMatches: matches, context: context ?? SearchContext(now: Self.now))
        let pending = evaluation.pending
        for index in pending {
            let entry = entries[index]
            evaluation.decide(index, structure: entry.structure, bytes: plan.requirement >= .header ? entry.bytes : nil)
        }
        return (evaluation.result, pending.count, plan)
    }

    /// The UIDs a SEARCH criteria text matches.
    func uids(_ criteria: String, context: SearchContext? = nil) throws -> [UInt32] {
        try run("a SEARCH " + criteria, context: context).result.uids.map(\.rawValue)
    }
}
