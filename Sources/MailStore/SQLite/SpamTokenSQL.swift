internal import GRDB
import MailCore

/// SQL about the Bayesian classifier's tables: `spam_token` and `spam_corpus` (schema v7),
/// and `spam_trained` (v8), which remembers how each message was trained per account.
enum SpamTokenSQL {
    /// Tokens per statement (with the accounts, well under SQLite's variable limit).
    static let tokensPerStatement = 500
    /// Tokens and octets per token a message contributes at most.
    static let maximumTokens = 2_000
    static let maximumTokenLength = 200

    /// The counts of `tokens` in the corpora of `accounts`.
    static func counts(_ db: Database, tokens: [String], accounts: [AccountID]) throws -> [AccountID: SpamCorpusCounts] {
        let accountIDs = Array(Set(accounts.map(\.rawValue)))
        var result: [AccountID: SpamCorpusCounts] = [:]
        for account in accountIDs { result[AccountID(rawValue: account)] = SpamCorpusCounts() }
        guard !accountIDs.isEmpty else { return result }
        let accountList = placeholders(accountIDs.count)
        for row in try Row.fetchAll(db, sql: """
            SELECT account_id, spam_messages, ham_messages FROM spam_corpus WHERE account_id IN (\(accountList))
            """, arguments: StatementArguments(accountIDs)) {
            let account = AccountID(rawValue: row[0])
            result[account]?.spamMessages = row[1]
            result[account]?.hamMessages = row[2]
        }
        let wanted = bounded(tokens)
        var start = 0
        while start < wanted.count {
            let chunk = Array(wanted[start..<min(start + tokensPerStatement, wanted.count)])
            start += chunk.count
            var arguments = StatementArguments(accountIDs)
            arguments += StatementArguments(chunk)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT account_id, token, spam_count, ham_count FROM spam_token
                WHERE account_id IN (\(accountList)) AND token IN (\(placeholders(chunk.count)))
                """, arguments: arguments)
            while let row = try rows.next() {
                result[AccountID(rawValue: row[0])]?.tokens[row[1]] = SpamTokenTally(spam: row[2], ham: row[3])
            }
        }
        return result
    }

    /// Trains `account` and the global corpus with a message; false when the message was
    /// already trained as `kind` for this account.
    static func train(_ db: Database, tokens: [String], as kind: SpamClass, account: AccountID,
                      fingerprint: String) throws -> Bool {
        let previous = try Int.fetchOne(db, sql: "SELECT kind FROM spam_trained WHERE account_id = ? AND fingerprint = ?",
                                        arguments: [account.rawValue, fingerprint]).flatMap(SpamClass.init(rawValue:))
        guard previous != kind else { return false }
        let wanted = bounded(tokens)
        let corpora = Array(Set([account.rawValue, AccountID.globalSpamCorpus.rawValue]))
        for corpus in corpora {
            if let previous { try count(wanted, as: previous, in: corpus, by: -1) }
            try count(wanted, as: kind, in: corpus, by: 1)
        }
        try db.execute(sql: """
            INSERT INTO spam_trained(account_id, fingerprint, kind) VALUES (?, ?, ?)
            ON CONFLICT(account_id, fingerprint) DO UPDATE SET kind = excluded.kind
            """, arguments: [account.rawValue, fingerprint, kind.rawValue])
        return true

        func count(_ tokens: [String], as kind: SpamClass, in corpus: Int64, by delta: Int) throws {
            let column = kind == .spam ? "spam" : "ham"
            try db.execute(sql: "INSERT OR IGNORE INTO spam_corpus(account_id) VALUES (?)", arguments: [corpus])
            try db.execute(sql: """
                UPDATE spam_corpus SET \(column)_messages = max(0, \(column)_messages + ?) WHERE account_id = ?
                """, arguments: [delta, corpus])
            let spamDelta = kind == .spam ? delta : 0
            let hamDelta = kind == .ham ? delta : 0
            let statements = delta > 0
                ? [try db.cachedStatement(sql: """
                    INSERT INTO spam_token(account_id, token, spam_count, ham_count) VALUES (?, ?, \(spamDelta), \(hamDelta))
                    ON CONFLICT(account_id, token) DO UPDATE SET spam_count = spam_count + excluded.spam_count,
                        ham_count = ham_count + excluded.ham_count
                    """)]
                : [try db.cachedStatement(sql: """
                    UPDATE spam_token SET \(column)_count = max(0, \(column)_count - 1) WHERE account_id = ? AND token = ?
                    """),
                   try db.cachedStatement(sql: """
                    DELETE FROM spam_token WHERE account_id = ? AND token = ? AND spam_count = 0 AND ham_count = 0
                    """)]
            for token in tokens {
                for statement in statements { try statement.execute(arguments: [corpus, token]) }
            }
        }
    }

    /// The distinct tokens of a message, at most `maximumTokens` of at most `maximumTokenLength` octets.
    private static func bounded(_ tokens: [String]) -> [String] {
        var seen = Set<String>()
        var kept: [String] = []
        for token in tokens where kept.count < maximumTokens && !token.isEmpty && token.utf8.count <= maximumTokenLength {
            if seen.insert(token).inserted { kept.append(token) }
        }
        return kept
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
