import Testing
import MailStore
import TestSupport

/// The SQLite store's Bayesian corpora: training per account and globally, retraining a
/// message the other way, and the counts read back for one message.
@Suite struct SpamTokenStoreTests {
    let user = AccountID(rawValue: 7)

    @Test func trainingCountsMessagesAndTokensForTheAccountAndGlobally() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-spam-store")
        defer { folder.remove() }
        let store = try await SQLiteMailStore.open(directory: folder.path)
        #expect(try await store.trainSpamClassifier(with: ["cash", "prize", "cash"], as: .spam, account: user, fingerprint: "m1"))
        #expect(try await store.trainSpamClassifier(with: ["lunch", "prize"], as: .ham, account: user, fingerprint: "m2"))
        // The same message the same way again changes nothing.
        #expect(try await !store.trainSpamClassifier(with: ["cash", "prize"], as: .spam, account: user, fingerprint: "m1"))
        var counts = try await store.spamTokenCounts(of: ["cash", "prize", "lunch", "absent"], in: [.globalSpamCorpus, user])
        for corpus in [AccountID.globalSpamCorpus, user] {
            #expect(counts[corpus]?.spamMessages == 1)
            #expect(counts[corpus]?.hamMessages == 1)
            #expect(counts[corpus]?.tokens == ["cash": SpamTokenTally(spam: 1, ham: 0), "prize": SpamTokenTally(spam: 1, ham: 1),
                                               "lunch": SpamTokenTally(spam: 0, ham: 1)])
        }
        // Moved out of Junk: untrained as spam, trained as ham; a token left at zero is gone.
        #expect(try await store.trainSpamClassifier(with: ["cash", "prize"], as: .ham, account: user, fingerprint: "m1"))
        counts = try await store.spamTokenCounts(of: ["cash", "prize", "lunch"], in: [user, AccountID(rawValue: 99)])
        #expect(counts[user]?.spamMessages == 0)
        #expect(counts[user]?.hamMessages == 2)
        #expect(counts[user]?.tokens["prize"] == SpamTokenTally(spam: 0, ham: 2))
        #expect(counts[user]?.tokens["cash"] == SpamTokenTally(spam: 0, ham: 1))
        #expect(counts[AccountID(rawValue: 99)] == SpamCorpusCounts())
        await store.close()
    }

    @Test func manyTokensAreReadInOneCall() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-spam-store")
        defer { folder.remove() }
        let store = try await SQLiteMailStore.open(directory: folder.path)
        let tokens = (0..<1_500).map { "token\($0)" }
        try await store.trainSpamClassifier(with: tokens, as: .spam, account: user, fingerprint: "big")
        let clock = ContinuousClock()
        let start = clock.now
        let counts = try await store.spamTokenCounts(of: tokens, in: [.globalSpamCorpus, user])
        print("Reading the counts of \(tokens.count) tokens in two corpora: \(clock.now - start)")
        #expect(counts[.globalSpamCorpus]?.tokens.count == 1_500)
        #expect(counts[user]?.tokens.count == 1_500)
        await store.close()
    }
}
