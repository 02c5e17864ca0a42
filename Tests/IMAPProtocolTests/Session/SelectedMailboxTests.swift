import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("Selected mailbox state: sequence numbers and held updates")
struct SelectedMailboxTests {
    private let mailbox = MailboxID(account: AccountID(rawValue: 1), rawValue: 7)

    private func selected(_ uids: [UInt32], highest: UInt64 = 10, maximumPendingUpdates: Int = 100) throws -> SelectedMailbox {
        let messages = uids.map {
            MessageSummary(uid: UID($0), modSequence: ModSequence(5), flags: .none, internalDate: Date(timeIntervalSince1970: 0),
                           saveDate: Date(timeIntervalSince1970: 0), size: 10)
        }
        let snapshot = MailboxSnapshot(mailbox: mailbox, uidValidity: UIDValidity(rawValue: 3), uidNext: UID((uids.last ?? 0) + 1),
                                       highestModSequence: ModSequence(highest), messages: messages)
        let info = MailboxInfo(id: mailbox, name: .inbox, specialUse: nil, isSubscribed: true, uidValidity: UIDValidity(rawValue: 3))
        return SelectedMailbox(info: info, snapshot: snapshot, isReadOnly: false, maximumPendingUpdates: maximumPendingUpdates,
                               maximumKeywords: 8)
    }

    private let plain = UpdateRules(allowsExpunges: true, usesVanished: false, includesUID: false, includesModSequence: false)

    @Test("sequence sets map to UID ranges; * is the last message; numbers beyond it are refused")
    func resolution() throws {
        let state = try selected([3, 5, 9, 12])
        #expect(try state.uidSet(for: .ranges([SequenceRange(.number(2), .last)]), usesUIDs: false, savedResult: nil)
            == UIDSet(UID(5)...UID(12)))
        #expect(try state.uidSet(for: .ranges([SequenceRange(.number(1))]), usesUIDs: false, savedResult: nil) == UIDSet([UID(3)]))
        #expect(throws: SequenceResolutionError.invalidSequenceNumber) {
            try state.uidSet(for: .ranges([SequenceRange(.number(5))]), usesUIDs: false, savedResult: nil)
        }
        #expect(try state.uidSet(for: .ranges([SequenceRange(.number(20), .last)]), usesUIDs: true, savedResult: nil)
            == UIDSet(UID(12)...UID(20)), "n:* always includes the last UID (RFC 9051 §6.4.9)")
        #expect(try state.uidSet(for: .lastResult, usesUIDs: true, savedResult: [UID(9), UID(3)]) == UIDSet([UID(3), UID(9)]))
        #expect(state.sequenceNumber(of: UID(9)) == 3)
        #expect(state.sequenceNumber(of: UID(4)) == nil)
    }

    @Test("a hostile set with very many ranges is refused instead of costing quadratic time")
    func tooManyRanges() throws {
        let state = try selected(Array(1...20_000))
        let ranges = stride(from: 1, to: 20_000, by: 2).map { SequenceRange(.number(UInt32($0))) }
        #expect(throws: SequenceResolutionError.tooManyRanges) {
            try state.uidSet(for: .ranges(ranges), usesUIDs: false, savedResult: nil)
        }
    }

    @Test("updates are told in order; expunges wait while not allowed, the rest is told")
    func ordering() throws {
        var state = try selected([1, 2, 3])
        _ = state.hold(.messagesExpunged(mailbox, uids: [UID(2)], modSequence: ModSequence(11)))
        _ = state.hold(.messagesAdded(mailbox, uids: [UID(4)], highestModSequence: ModSequence(12)))
        let update = FlagUpdate(uid: UID(3), flags: MessageFlags(system: [.seen]), modSequence: ModSequence(13), changed: true)
        _ = state.hold(.flagsChanged(mailbox, [update]))
        var rules = plain
        rules.allowsExpunges = false
        let withoutExpunges = state.tellUpdates(rules)
        #expect(withoutExpunges == [.exists(4), .fetch(sequenceNumber: 3, items: [.flags([.seen])])])
        #expect(state.uids == [UID(1), UID(2), UID(3), UID(4)])
        let expunges = state.tellUpdates(plain)
        #expect(expunges == [.expunge(2)])
        #expect(state.uids == [UID(1), UID(3), UID(4)])
        let nothingLeft = state.tellUpdates(plain)
        #expect(nothingLeft == [])
    }

    @Test("changes of other mailboxes are ignored; stale and repeated changes are not told")
    func idempotence() throws {
        var state = try selected([1, 2], highest: 10)
        let other = MailboxID(account: AccountID(rawValue: 1), rawValue: 8)
        _ = state.hold(.messagesAdded(other, uids: [UID(9)], highestModSequence: ModSequence(11)))
        _ = state.hold(.messagesAdded(mailbox, uids: [UID(2)], highestModSequence: ModSequence(9)))
        _ = state.hold(.messagesExpunged(mailbox, uids: [UID(7)], modSequence: ModSequence(11)))
        let stale = FlagUpdate(uid: UID(1), flags: MessageFlags(system: [.seen]), modSequence: ModSequence(10), changed: true)
        _ = state.hold(.flagsChanged(mailbox, [stale]))
        let nothingTold = state.tellUpdates(plain)
        #expect(nothingTold == [])
        let stillExists = state.hold(.mailboxDeleted(mailbox, name: .inbox))
        #expect(!stillExists)
    }

    @Test("a later flag change of a message supersedes an earlier one held with it")
    func flagCoalescing() throws {
        var state = try selected([1])
        let first = FlagUpdate(uid: UID(1), flags: MessageFlags(system: [.seen]), modSequence: ModSequence(11), changed: true)
        let second = FlagUpdate(uid: UID(1), flags: MessageFlags(system: [.flagged]), modSequence: ModSequence(12), changed: true)
        _ = state.hold(.flagsChanged(mailbox, [second]))
        state.holdOwnStore([first], silent: false)
        let coalesced = state.tellUpdates(plain)
        #expect(coalesced == [.fetch(sequenceNumber: 1, items: [.flags([.flagged])])])
    }

    @Test("the held updates are bounded: past the bound they are dropped and a re-read is asked for")
    func bounded() throws {
        var state = try selected([1], maximumPendingUpdates: 2)
        _ = state.hold(.messagesAdded(mailbox, uids: [UID(2), UID(3), UID(4)], highestModSequence: ModSequence(11)))
        #expect(state.needsResync)
        let afterDrop = state.tellUpdates(plain)
        #expect(afterDrop == [])
    }
}
