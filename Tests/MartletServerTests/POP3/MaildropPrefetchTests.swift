import Testing
@testable import MartletServer

@Suite("POP3 read-ahead")
struct MaildropPrefetchTests {
    @Test func aMissReadsTheFollowingMessagesWithinTheBudget() {
        let messages = (1...40).map { (uid: UInt32($0), size: 100_000) }
        var prefetch = MaildropPrefetch(messages: messages)
        // 1 MiB holds ten messages of 100 KB.
        #expect(prefetch.batch(from: 3) == Array(3...12))
        for uid in UInt32(4)...12 { prefetch.hold(uid, [UInt8](repeating: 1, count: 100_000)) }
        #expect(prefetch.take(4)?.count == 100_000)
        #expect(prefetch.take(4) == nil)
        // Held messages are skipped, and what is held counts against the budget.
        #expect(prefetch.batch(from: 4) == [4, 13])
    }

    @Test func anExpungedMessageIsForgottenAndNeverHeldAgain() {
        var prefetch = MaildropPrefetch(messages: [(1, 10), (2, 10), (3, 10)])
        prefetch.hold(2, [1, 2, 3])
        prefetch.expunged([2, 3])
        #expect(prefetch.take(2) == nil)
        prefetch.hold(3, [4])
        #expect(prefetch.take(3) == nil)
        #expect(prefetch.batch(from: 1) == [1])
        // An unknown UID is read alone.
        #expect(prefetch.batch(from: 99) == [99])
    }
}
