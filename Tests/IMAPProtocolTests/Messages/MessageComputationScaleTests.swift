import Foundation
import MailCore
import MailStore
import TestSupport
import Testing
@testable import IMAPProtocol

/// SEARCH, SORT and THREAD over a 100,000-message mailbox: checks the results against a
/// direct computation and prints (never asserts) how long each took.
@Suite("Message computations at 100,000 messages")
struct MessageComputationScaleTests {
    private static let count = 100_000
    /// 2020-01-01 00:00:00 UTC.
    private static let start: Int64 = 1_577_836_800

    private struct Mailbox {
        var summaries: [MessageSummary] = []
        var structures: [MessageStructure] = []
        var references: [[String]] = []
    }

    private static let mailbox: Mailbox = {
        var generator = SeededGenerator(seed: 42)
        var mailbox = Mailbox()
        mailbox.summaries.reserveCapacity(count)
        mailbox.structures.reserveCapacity(count)
        let subjects = (0..<5000).map { "Topic number \($0)" }
        for index in 0..<count {
            let uid = UInt32(index * 2 + 1)
            let arrived = start + Int64(index) * 300
            let flags = MessageFlags(system: generator.next() % 3 == 0 ? [.seen] : [])
            let size = Int(generator.next() % 20_000)
            mailbox.summaries.append(MessageFixtures.summary(uid: uid, modSeq: UInt64(index + 1), flags: flags, internalDate: arrived,
                                                             size: size))
            let topic = Int(generator.next() % UInt64(subjects.count))
            let isReply = generator.next() % 2 == 0
            let sent = MessageDate(secondsSinceEpoch: arrived - Int64(generator.next() % 3600), zoneOffsetMinutes: 60)
            let from = EnvelopeAddress(name: "Sender \(index % 977)", mailbox: "user\(index % 977)", host: "example.org")
            let envelope = Envelope(date: sent.rfc5322Text, subject: (isReply ? "Re: " : "") + subjects[topic], from: [from],
                                    to: [EnvelopeAddress(mailbox: "me", host: "example.org")], messageID: "<m\(index)@example.org>")
            let part = BodyPart(kind: .text, type: "text", subtype: "plain", headerRange: 0..<100, bodyRange: 100..<max(size, 100),
                                envelope: envelope)
            mailbox.structures.append(MessageStructure(size: size, parts: [part]))
            // Replies point at an earlier message of the same topic, when there is one.
            mailbox.references.append(isReply && index > 5000 ? ["m\(index - 5000)@example.org"] : [])
        }
        return mailbox
    }()

    private static func measure<Result>(_ label: String, _ body: () throws -> Result) rethrows -> Result {
        let clock = ContinuousClock()
        let began = clock.now
        let result = try body()
        print("[scale] \(label): \(clock.now - began)")
        return result
    }

    private func evaluate(_ criteria: String, textMatches: [[UID]] = [], context: SearchContext) throws -> SearchResult {
        guard case .search(let command)? = command("a SEARCH " + criteria) else { throw MessageFixtures.FixtureError.unparsed }
        let mailbox = Self.mailbox
        return Self.measure("SEARCH \(criteria)") {
            let plan = SearchPlan(command.key)
            var evaluation = plan.start(messages: mailbox.summaries, textMatches: textMatches, context: context)
            for index in evaluation.pending { evaluation.decide(index, structure: mailbox.structures[index], bytes: nil) }
            return evaluation.result
        }
    }

    @Test func search() throws {
        let mailbox = Self.mailbox
        let now = Date(timeIntervalSince1970: TimeInterval(Self.start + Int64(Self.count) * 300))
        let context = SearchContext(now: now)
        let summaryOnly = try evaluate("UNSEEN LARGER 5000 SINCE 15-Jan-2020", context: context)
        let since = Self.start + 14 * 86_400
        let expected = mailbox.summaries.filter {
            !$0.flags.isSeen && $0.size > 5000 && CalendarDay.seconds($0.internalDate) >= since
        }.map(\.uid)
        #expect(summaryOnly.uids == expected)

        let textUIDs = stride(from: 1, to: Self.count * 2, by: 20).map { UID(UInt32($0)) }
        let withText = try evaluate("SUBJECT topic SEEN", textMatches: [textUIDs], context: context)
        #expect(withText.uids == mailbox.summaries.filter { $0.flags.isSeen && ($0.uid.rawValue - 1) % 20 == 0 }.map(\.uid))

        let saved = SearchContext(now: now, savedResult: stride(from: 1, to: Self.count * 2, by: 4).map { UID(UInt32($0)) })
        #expect(try evaluate("NOT $ 1:*", context: saved).uids.count == Self.count / 2)

        let sent = try evaluate("OR SEEN SENTBEFORE 10-Jan-2020", context: context)
        #expect(sent.uids.count >= mailbox.summaries.filter(\.flags.isSeen).count)
        let answer = try evaluate("YOUNGER 3000000 UID 1000:*", context: context)
        #expect(answer.uids.allSatisfy { $0.rawValue >= 1000 })
    }

    @Test func sort() {
        let mailbox = Self.mailbox
        for criteria in [[SortCriterion(.arrival, reverse: true)], [SortCriterion(.date)], [SortCriterion(.subject), SortCriterion(.date)],
                         [SortCriterion(.from)], [SortCriterion(.displayFrom)], [SortCriterion(.size)]] {
            let plan = SortPlan(criteria: criteria)
            let label = "SORT \(criteria.map { ($0.reverse ? "REVERSE " : "") + $0.key.rawValue })"
            let keys = Self.measure(label + " keys") {
                mailbox.summaries.indices.map { index in
                    plan.keys(sequenceNumber: UInt32(index + 1), summary: mailbox.summaries[index], structure: mailbox.structures[index])
                }
            }
            let sorted = Self.measure(label + " ordering") { SortPlan.numbers(plan.sorted(keys), usesUIDs: false) }
            #expect(Set(sorted).count == Self.count)
        }
    }

    @Test(arguments: [ThreadAlgorithm.orderedSubject, .references])
    func thread(algorithm: ThreadAlgorithm) {
        let mailbox = Self.mailbox
        let messages = Self.measure("THREAD \(algorithm.rawValue) messages") {
            mailbox.summaries.indices.map { index in
                ThreadMessage(sequenceNumber: UInt32(index + 1), usesUIDs: false, summary: mailbox.summaries[index],
                              structure: mailbox.structures[index], referencesField: mailbox.references[index])
            }
        }
        let threads = Self.measure("THREAD \(algorithm.rawValue) threading") { ThreadPlan(algorithm: algorithm).threads(messages) }
        var seen = 0
        var stack = threads
        while let node = stack.popLast() {
            if node.messageNumber != nil { seen += 1 }
            stack.append(contentsOf: node.children)
        }
        #expect(seen == Self.count)
        #expect(threads.count <= 5000)
    }
}
