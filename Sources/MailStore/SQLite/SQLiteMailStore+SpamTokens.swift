internal import GRDB
import MailCore

extension SQLiteMailStore {
    public func spamTokenCounts(of tokens: [String],
                                in accounts: [AccountID]) async throws(MailStoreError) -> [AccountID: SpamCorpusCounts] {
        try await read { db in try SpamTokenSQL.counts(db, tokens: tokens, accounts: accounts) }
    }

    @discardableResult
    public func trainSpamClassifier(with tokens: [String], as kind: SpamClass, account: AccountID,
                                    fingerprint: String) async throws(MailStoreError) -> Bool {
        try await write { db, _ in
            try SpamTokenSQL.train(db, tokens: tokens, as: kind, account: account, fingerprint: fingerprint)
        }
    }
}
