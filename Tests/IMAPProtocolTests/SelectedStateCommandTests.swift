import Testing
import MailCore
@testable import IMAPProtocol

@Suite("STORE, COPY, MOVE, UID EXPUNGE, SORT, THREAD and sequence sets")
struct SelectedStateCommandTests {
    @Test func store() {
        #expect(command("A003 STORE 2:4 +FLAGS (\\Deleted)") == .store(StoreCommand(
            sequenceSet: set(2...4), operation: .add, flags: [.deleted])))
        // RFC 7162 §3.1.3 example.
        #expect(command("d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)") == .store(StoreCommand(
            sequenceSet: set(7...7, 5...5, 9...9), unchangedSince: 320_162_338, operation: .add, silent: true, flags: [.deleted])))
        #expect(command("a UID STORE 1:* -flags.silent \\Seen $Junk \\Important") == .store(StoreCommand(
            sequenceSet: .ranges([SequenceRange(.number(1), .last)]), operation: .remove, silent: true,
            flags: [.seen, .keyword("$Junk"), .extension("Important")], usesUIDs: true)))
        #expect(command("a STORE 1 FLAGS ()") == .store(StoreCommand(sequenceSet: set(1...1), operation: .replace, flags: [])))
        for line in ["a STORE 1 FLAGS", "a STORE 1 +FLAGZ (\\Seen)", "a STORE 1 (UNCHANGEDSINCE) FLAGS ()",
                     "a STORE 1 (FROB 1) FLAGS ()", "a STORE 1 FLAGS (\\)", "a STORE FLAGS (\\Seen)"] {
            #expect(rejection(line)?.status == .bad, "\(line)")
        }
    }

    @Test func flagsAreCaseInsensitive() {
        #expect(Flag("\\SEEN") == .seen)
        #expect(Flag("\\recent") == .recent)
        #expect(Flag("$junk").matches(.keyword("$Junk")))
        #expect(!Flag("$junk").matches(.keyword("$Junked")))
        #expect(Flag("\\Important") == .extension("Important"))
    }

    @Test func copyMoveAndUIDExpunge() {
        #expect(command("A003 COPY 2:4 MEETING") == .copy(CopyCommand(sequenceSet: set(2...4), mailbox: EncodedMailboxName("MEETING"))))
        #expect(command("a UID MOVE 42:69 foo") == .move(CopyCommand(sequenceSet: set(42...69), mailbox: EncodedMailboxName("foo"),
                                                                      usesUIDs: true)))
        #expect(command("a MOVE $ Trash") == .move(CopyCommand(sequenceSet: .lastResult, mailbox: EncodedMailboxName("Trash"))))
        #expect(command("A003 UID EXPUNGE 3000:3002") == .uidExpunge(set(3000...3002)))
        #expect(rejection("a UID EXPUNGE")?.status == .bad)
        #expect(rejection("a COPY 1")?.status == .bad)
    }

    @Test func sort() throws {
        // RFC 5256 §3 examples.
        #expect(command("A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994") == .sort(SortCommand(
            criteria: [SortCriterion(.subject)], charset: "UTF-8", key: .since(try calendarDay(1994, 2, 1)))))
        #expect(command("A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL") == .sort(SortCommand(
            criteria: [SortCriterion(.subject), SortCriterion(.date, reverse: true)], charset: "UTF-8", key: .all)))
        #expect(command("A284 UID SORT (SUBJECT) US-ASCII TEXT \"not in mailbox\"") == .sort(SortCommand(
            criteria: [SortCriterion(.subject)], charset: "US-ASCII", key: .text("not in mailbox"), usesUIDs: true)))
        #expect(command("a SORT RETURN (MIN COUNT) (DISPLAYFROM ARRIVAL) utf-8 UNSEEN") == .sort(SortCommand(
            returnOptions: [.min, .count], criteria: [SortCriterion(.displayFrom), SortCriterion(.arrival)], charset: "UTF-8",
            key: .unseen)))
        for line in ["a SORT (SUBJECT) ALL", "a SORT () UTF-8 ALL", "a SORT (REVERSE) UTF-8 ALL", "a SORT (COLOR) UTF-8 ALL"] {
            #expect(rejection(line) != nil, "\(line)")
        }
    }

    @Test func thread() throws {
        #expect(command("A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000") == .thread(ThreadCommand(
            algorithm: .orderedSubject, charset: "UTF-8", key: .since(try calendarDay(2000, 3, 5)))))
        #expect(command("A284 UID THREAD REFERENCES US-ASCII TEXT \"gewp\"") == .thread(ThreadCommand(
            algorithm: .references, charset: "US-ASCII", key: .text("gewp"), usesUIDs: true)))
        #expect(rejection("a THREAD REFS UTF-8 ALL")?.status == .bad)
    }

    @Test func sequenceSetsResolve() {
        let written = SequenceSet.ranges([SequenceRange(.last, .number(3)), SequenceRange(.number(2)), SequenceRange(.number(9), .number(7)),
                                          SequenceRange(.number(4))])
        #expect(written.resolved(last: 5) == [2...5, 7...9])
        #expect(written.mentionsLast)
        #expect(SequenceSet.lastResult.resolved(last: 5) == nil)
        #expect(set(1...3, 4...4, 6...6).resolved(last: 0) == [1...4, 6...6])
        #expect(SequenceSet.ranges([SequenceRange(.last)]).resolved(last: 0) == [0...0])
        #expect(set(UInt32.max...UInt32.max, 1...UInt32.max).resolved(last: 1) == [1...UInt32.max])
    }
}
