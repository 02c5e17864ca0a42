import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("THREAD=ORDEREDSUBJECT and THREAD=REFERENCES (RFC 5256 §3)")
struct ThreadTests {
    private func message(_ number: UInt32, id: String?, references: [String] = [], subject: String, date: Int64) -> ThreadMessage {
        ThreadMessage(number: number, sequenceNumber: number, sentDate: date, subject: BaseSubject(subject: subject),
                      messageID: id, references: references)
    }

    private func text(_ threads: [ThreadNode]) -> String {
        written { $0.write(.thread(threads)) }
    }

    @Test func orderedSubject() {
        let messages = [
            message(1, id: nil, subject: "Hello", date: 30),
            message(2, id: nil, subject: "Re: Hello", date: 10),
            message(3, id: nil, subject: "Other", date: 20),
            message(4, id: nil, subject: "hello", date: 40),
            message(5, id: nil, subject: "Other", date: 20),
        ]
        let threads = ThreadPlan(algorithm: .orderedSubject).threads(messages)
        #expect(threads == [ThreadNode(2, children: [ThreadNode(1), ThreadNode(4)]), ThreadNode(3, children: [ThreadNode(5)])])
        #expect(text(threads) == "* THREAD (2 (1)(4))(3 5)\r\n")
    }

    @Test func references() {
        let messages = [
            message(1, id: "a", subject: "Topic", date: 10),
            message(2, id: "b", references: ["a"], subject: "Re: Topic", date: 20),
            message(3, id: "c", references: ["a", "b"], subject: "Re: Topic", date: 40),
            message(4, id: "d", references: ["a"], subject: "Re: Topic", date: 30),
            message(5, id: "e", references: ["x"], subject: "Lost", date: 50),
            message(6, id: "f", references: ["x"], subject: "Re: Lost", date: 60),
            message(7, id: "g", subject: "Re: Topic", date: 70),
            message(8, id: "h", subject: "Solo", date: 0),
            message(9, id: "a", subject: "Dup", date: 80),
        ]
        let threads = ThreadPlan(algorithm: .references).threads(messages)
        #expect(text(threads) == "* THREAD (8)(1 (2 3)(4)(7))((5)(6))(9)\r\n")
    }

    @Test func referencesOutOfOrderBuildTheSameTree() {
        // The reply arrives before its parent; the parent fills the placeholder.
        let messages = [
            message(1, id: "c", references: ["a", "b"], subject: "Re: Topic", date: 30),
            message(2, id: "a", subject: "Topic", date: 10),
            message(3, id: "b", references: ["a"], subject: "Re: Topic", date: 20),
        ]
        #expect(text(ThreadPlan(algorithm: .references).threads(messages)) == "* THREAD (2 3 1)\r\n")
    }

    @Test func loopsAreNotLinked() {
        let messages = [
            message(1, id: "a", references: ["b"], subject: "x", date: 10),
            message(2, id: "b", references: ["a"], subject: "y", date: 20),
            message(3, id: "c", references: ["c"], subject: "z", date: 30),
        ]
        #expect(text(ThreadPlan(algorithm: .references).threads(messages)) == "* THREAD (2 1)(3)\r\n")
    }

    @Test func nestedPlaceholdersArePruned() {
        let messages = [message(1, id: "m", references: ["p", "q"], subject: "x", date: 10)]
        #expect(text(ThreadPlan(algorithm: .references).threads(messages)) == "* THREAD (1)\r\n")
    }

    @Test func placeholdersWithTheSameSubjectMerge() {
        let messages = [
            message(1, id: "1", references: ["x"], subject: "S", date: 10),
            message(2, id: "2", references: ["x"], subject: "S", date: 30),
            message(3, id: "3", references: ["y"], subject: "Re: S", date: 20),
            message(4, id: "4", references: ["y"], subject: "S", date: 40),
        ]
        #expect(text(ThreadPlan(algorithm: .references).threads(messages)) == "* THREAD ((1)(3)(2)(4))\r\n")
    }

    @Test func subjectMergeMakesAPlaceholderForTwoOriginals() {
        let messages = [
            message(1, id: "1", subject: "Plan", date: 10),
            message(2, id: "2", subject: "Plan", date: 20),
        ]
        #expect(text(ThreadPlan(algorithm: .references).threads(messages)) == "* THREAD ((1)(2))\r\n")
    }

    @Test func inReplyToStandsInForReferences() {
        let parent = MessageFixtures.crlf(["Message-ID: <p@x>", "Subject: Q", "Date: Tue, 1 Feb 2000 10:00:00 +0000", "", "?", ""])
        let child = MessageFixtures.crlf(["Message-ID: <c@x>", "In-Reply-To: <p@x> (sent by me)", "Subject: Re: Q",
                                          "Date: Tue, 1 Feb 2000 11:00:00 +0000", "", "!", ""])
        let messages = [child, parent].enumerated().map { index, bytes in
            let structure = MessageFixtures.structure(bytes)
            return ThreadMessage(sequenceNumber: UInt32(index + 1), usesUIDs: true,
                                 summary: MessageFixtures.summary(uid: UInt32(50 + index)), structure: structure,
                                 referencesField: ThreadMessage.referencesField(in: bytes, structure: structure))
        }
        #expect(messages[0].references == ["p@x"])
        #expect(messages[0].messageID == "c@x")
        #expect(text(ThreadPlan(algorithm: .references).threads(messages)) == "* THREAD (51 50)\r\n")
    }

    @Test func referencesFieldIsRead() {
        let bytes = MessageFixtures.crlf(["References: <a@x>", " <b@x>", "In-Reply-To: <z@x>", "", "", ""])
        #expect(ThreadMessage.referencesField(in: bytes, structure: MessageFixtures.structure(bytes)) == ["a@x", "b@x"])
    }

    @Test func deepChainsAreBounded() {
        let count = 3000
        let messages = (1...count).map { number in
            message(UInt32(number), id: "m\(number)", references: number == 1 ? [] : ["m\(number - 1)"],
                    subject: "chain", date: Int64(number))
        }
        let limits = ThreadLimits(maximumDepth: 100)
        let threads = ThreadPlan(algorithm: .references, limits: limits).threads(messages)
        var numbers = [UInt32]()
        var depth = 0
        var stack = threads.map { ($0, 1) }
        while let (node, level) = stack.popLast() {
            if let number = node.messageNumber { numbers.append(number) }
            depth = max(depth, level)
            stack.append(contentsOf: node.children.map { ($0, level + 1) })
        }
        #expect(threads.count == 1)
        #expect(numbers.sorted() == (1...UInt32(count)).map { $0 })
        #expect(depth == 101)
    }

    @Test func requirements() {
        #expect(ThreadPlan(algorithm: .orderedSubject).requirement == .structure)
        #expect(ThreadPlan(algorithm: .references).requirement == .header)
        #expect(ThreadPlan(algorithm: .references).needsReferencesField)
    }
}
