import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("SORT (RFC 5256 §3, DISPLAYFROM/DISPLAYTO of RFC 5957)")
struct SortTests {
    /// Messages as (header lines, internal date, size).
    private static let mailbox: [([String], Int64, Int)] = [
        (["From: Zed <zed@example.org>", "To: amy@example.org", "Cc: Bea <bea@example.org>", "Subject: Re: beta",
          "Date: Tue, 1 Feb 2000 10:00:00 +0000"], 300, 50),
        (["From: \"=?utf-8?q?=C3=89mile?=\" <emile@example.org>", "To: Cy <cy@example.org>", "Subject: alpha",
          "Date: Tue, 1 Feb 2000 09:00:00 -0200"], 200, 70),
        (["From: ann@example.org", "To: Bob <bob@example.org>", "Subject: [list] Beta", "Date: not a date"], 100, 50),
        (["From: Bert <bert@example.org>", "Subject: Fwd: Alpha", "Date: Tue, 1 Feb 2000 10:30:00 +0000"], 400, 10),
    ]

    private func sorted(_ criteria: [SortCriterion], usesUIDs: Bool = false) -> [UInt32] {
        let plan = SortPlan(criteria: criteria)
        let keys = Self.mailbox.enumerated().map { index, entry in
            let bytes = MessageFixtures.crlf(entry.0 + ["", "x", ""])
            let summary = MessageFixtures.summary(uid: UInt32(100 + index), internalDate: entry.1, size: entry.2)
            return plan.keys(sequenceNumber: UInt32(index + 1), summary: summary, structure: MessageFixtures.structure(bytes))
        }
        return SortPlan.numbers(plan.sorted(keys), usesUIDs: usesUIDs)
    }

    @Test func singleKeys() {
        #expect(sorted([SortCriterion(.arrival)]) == [3, 2, 1, 4])
        #expect(sorted([SortCriterion(.size)]) == [4, 1, 3, 2])
        // Message 2 was sent at 11:00 UTC; message 3 has no readable Date, so its arrival counts.
        #expect(sorted([SortCriterion(.date)]) == [3, 1, 4, 2])
        #expect(sorted([SortCriterion(.subject)]) == [2, 4, 1, 3])
        #expect(sorted([SortCriterion(.from)]) == [3, 4, 2, 1])
        // A message without To sorts first (the empty string).
        #expect(sorted([SortCriterion(.to)]) == [4, 1, 3, 2])
        #expect(sorted([SortCriterion(.cc)]) == [2, 3, 4, 1])
        // DISPLAYFROM: the decoded name, else the address.
        #expect(sorted([SortCriterion(.displayFrom)]) == [3, 4, 1, 2])
        #expect(sorted([SortCriterion(.displayTo)]) == [4, 1, 3, 2])
    }

    @Test func reverseAndSecondaryKeys() {
        #expect(sorted([SortCriterion(.arrival, reverse: true)]) == [4, 1, 2, 3])
        // Equal sizes (1 and 3) fall back to the next key, then to the sequence number.
        #expect(sorted([SortCriterion(.size), SortCriterion(.arrival)]) == [4, 3, 1, 2])
        #expect(sorted([SortCriterion(.size, reverse: true), SortCriterion(.from)]) == [2, 3, 1, 4])
        // Equal base subjects ("Re: beta", "[list] Beta") keep sequence order even reversed.
        #expect(sorted([SortCriterion(.size, reverse: true), SortCriterion(.subject, reverse: true)]) == [2, 1, 3, 4])
        // REVERSE does not reverse the final sequence-number tie-break.
        #expect(sorted([SortCriterion(.size, reverse: true)]) == [2, 1, 3, 4])
        #expect(sorted([SortCriterion(.subject)], usesUIDs: true) == [101, 103, 100, 102])
    }

    @Test func requirement() {
        #expect(SortPlan(criteria: [SortCriterion(.arrival), SortCriterion(.size)]).requirement == .summary)
        #expect(SortPlan(criteria: [SortCriterion(.arrival), SortCriterion(.date)]).requirement == .structure)
    }

    @Test func withoutStructureEverythingSortsAsEmpty() {
        let plan = SortPlan(criteria: [SortCriterion(.subject), SortCriterion(.date)])
        let keys = (1...3).map { number in
            plan.keys(sequenceNumber: UInt32(number), summary: MessageFixtures.summary(uid: UInt32(number), internalDate: Int64(10 - number)),
                      structure: nil)
        }
        #expect(SortPlan.numbers(plan.sorted(keys), usesUIDs: false) == [3, 2, 1])
    }
}
