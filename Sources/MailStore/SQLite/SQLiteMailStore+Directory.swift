internal import GRDB
import MailCore

extension SQLiteMailStore {
    public var directoryVersion: UInt64? { directoryGeneration.current }

    @discardableResult
    public func addDomain(_ name: String) async throws(MailStoreError) -> Domain {
        let canonical = try canonicalDomainName(name)
        return try await writeDirectory { db, _ in
            if try DirectorySQL.domainID(db, name: canonical) != nil { throw MailStoreError.domainExists(canonical) }
            try db.execute(sql: "INSERT INTO domain(name) VALUES (?)", arguments: [canonical])
            return Domain(name: canonical)
        }
    }

    public func removeDomain(_ name: String) async throws(MailStoreError) {
        let canonical = try canonicalDomainName(name)
        try await writeDirectory { db, _ in
            let id = try DirectorySQL.requireDomainID(db, name: canonical)
            let used = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM account WHERE domain_id = ?) OR EXISTS (SELECT 1 FROM alias WHERE domain_id = ?)
                """, arguments: [id, id]) ?? false
            if used { throw MailStoreError.domainNotEmpty(canonical) }
            try db.execute(sql: "DELETE FROM domain WHERE id = ?", arguments: [id])
        }
    }

    public func domains() async throws(MailStoreError) -> [Domain] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT name FROM domain ORDER BY name").map(Domain.init(name:))
        }
    }

    public func isLocalDomain(_ name: String) async throws(MailStoreError) -> Bool {
        guard let canonical = try? canonicalDomainName(name) else { return false }
        return try await read { db in try DirectorySQL.domainID(db, name: canonical) != nil }
    }

    @discardableResult
    public func createAccount(_ address: EmailAddress, credential: String) async throws(MailStoreError) -> Account {
        try checkCredential(credential)
        let now = clock()
        return try await writeDirectory { db, _ in
            let domainID = try DirectorySQL.requireDomainID(db, name: address.domain)
            let key = address.lookupKey
            if try DirectorySQL.account(db, key: key) != nil || DirectorySQL.hasAlias(db, sourceKey: key) {
                throw MailStoreError.addressInUse(address.description)
            }
            try db.execute(sql: "INSERT INTO account(domain_id, lookup_key, local_part, credential) VALUES (?, ?, ?, ?)",
                           arguments: [domainID, key, address.localPart, credential])
            let account = AccountID(rawValue: db.lastInsertedRowID)
            for (name, specialUse) in MailboxSQL.defaultMailboxes {
                let mailboxName = try MailboxName(name)
                _ = try MailboxSQL.insert(db, account: account, name: mailboxName, specialUse: specialUse,
                                          subscribed: true, now: now, context: nil)
            }
            return Account(id: account, address: address, credential: credential)
        }
    }

    public func deleteAccount(_ address: EmailAddress) async throws(MailStoreError) {
        try await writeDirectory { db, context in
            let account = try DirectorySQL.requireAccount(db, address)
            for mailbox in try MailboxSQL.all(db, account: account.id) {
                try MailboxSQL.delete(db, mailbox, context: context)
            }
            try db.execute(sql: "DELETE FROM mailbox_acl WHERE grantee_id = ?", arguments: [account.id.rawValue])
            try db.execute(sql: "DELETE FROM shared_subscription WHERE account_id = ?", arguments: [account.id.rawValue])
            try db.execute(sql: "DELETE FROM account WHERE id = ?", arguments: [account.id.rawValue])
        }
    }

    public func setCredential(_ credential: String, for address: EmailAddress) async throws(MailStoreError) {
        try checkCredential(credential)
        try await writeDirectory { db, _ in
            let account = try DirectorySQL.requireAccount(db, address)
            try db.execute(sql: "UPDATE account SET credential = ? WHERE id = ?", arguments: [credential, account.id.rawValue])
        }
    }

    public func setAPOPSecret(_ secret: String?, for address: EmailAddress) async throws(MailStoreError) {
        if let secret, secret.isEmpty || secret.utf8.count > 1024 || secret.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw .invalidCredential
        }
        try await writeDirectory { db, _ in
            let account = try DirectorySQL.requireAccount(db, address)
            try db.execute(sql: "UPDATE account SET apop_secret = ? WHERE id = ?", arguments: [secret, account.id.rawValue])
        }
    }

    public func apopSecret(of address: EmailAddress) async throws(MailStoreError) -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT apop_secret FROM account WHERE lookup_key = ?", arguments: [address.lookupKey])
        }
    }

    public func setQuota(storage: Int?, messages: Int?, for address: EmailAddress) async throws(MailStoreError) {
        if let storage, storage < 0 { throw .storageFailure("a storage limit cannot be negative") }
        if let messages, messages < 0 { throw .storageFailure("a message limit cannot be negative") }
        try await writeDirectory { db, _ in
            let account = try DirectorySQL.requireAccount(db, address)
            try db.execute(sql: "UPDATE account SET quota_storage = ?, quota_messages = ? WHERE id = ?",
                           arguments: [storage, messages, account.id.rawValue])
        }
    }

    public func quota(of account: AccountID) async throws(MailStoreError) -> AccountQuota {
        try await read { db in try QuotaSQL.quota(db, account: account.rawValue) }
    }

    public func account(for address: EmailAddress) async throws(MailStoreError) -> Account? {
        try await read { db in try DirectorySQL.account(db, key: address.lookupKey) }
    }

    public func account(id: AccountID) async throws(MailStoreError) -> Account? {
        try await read { db in try DirectorySQL.account(db, id: id) }
    }

    public func accounts(inDomain domain: String?) async throws(MailStoreError) -> [Account] {
        let canonical = try domain.map { (name: String) throws(MailStoreError) -> String in try canonicalDomainName(name) }
        return try await read { db in
            let rows: [Row]
            if let canonical {
                let id = try DirectorySQL.requireDomainID(db, name: canonical)
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(DirectorySQL.accountColumns) FROM \(DirectorySQL.accountFrom)
                    WHERE account.domain_id = ? ORDER BY account.lookup_key
                    """, arguments: [id])
            } else {
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(DirectorySQL.accountColumns) FROM \(DirectorySQL.accountFrom) ORDER BY domain.name, account.lookup_key
                    """)
            }
            return try rows.map(DirectorySQL.account(from:))
        }
    }

    public func addAlias(_ source: AliasSource, targets: [EmailAddress]) async throws(MailStoreError) {
        let limit = limits.maximumAliasTargets
        guard !targets.isEmpty else { throw .invalidAddress(source.description, reason: "an alias needs at least one target") }
        try await writeDirectory { db, _ in
            let domainID = try DirectorySQL.requireDomainID(db, name: source.domain)
            let key = DirectorySQL.aliasKey(source)
            if try DirectorySQL.account(db, key: key) != nil { throw MailStoreError.addressInUse(source.description) }
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO alias(domain_id, source_key, source_local_part, target_key, target_local_part, target_domain)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            let localPart: String? = if case .address(let address) = source { address.localPart } else { nil }
            for target in targets {
                try insert.execute(arguments: [domainID, key, localPart, target.lookupKey, target.localPart, target.domain])
            }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM alias WHERE source_key = ?", arguments: [key]) ?? 0
            if count > limit { throw MailStoreError.tooManyAliasTargets(source: source.description, limit: limit) }
        }
    }

    public func removeAlias(_ source: AliasSource, targets: [EmailAddress]) async throws(MailStoreError) {
        try await writeDirectory { db, _ in
            let key = DirectorySQL.aliasKey(source)
            var removed = 0
            if targets.isEmpty {
                try db.execute(sql: "DELETE FROM alias WHERE source_key = ?", arguments: [key])
                removed += db.changesCount
            } else {
                for target in targets {
                    try db.execute(sql: "DELETE FROM alias WHERE source_key = ? AND target_key = ?", arguments: [key, target.lookupKey])
                    removed += db.changesCount
                }
            }
            if removed == 0 { throw MailStoreError.aliasNotFound(source.description) }
        }
    }

    public func aliases(inDomain domain: String?) async throws(MailStoreError) -> [Alias] {
        let canonical = try domain.map { (name: String) throws(MailStoreError) -> String in try canonicalDomainName(name) }
        return try await read { db in
            var sql = """
                SELECT alias.source_key, alias.source_local_part, domain.name, alias.target_local_part, alias.target_domain
                FROM alias JOIN domain ON domain.id = alias.domain_id
                """
            var arguments: StatementArguments = []
            if let canonical {
                let id = try DirectorySQL.requireDomainID(db, name: canonical)
                sql += " WHERE alias.domain_id = ?"
                arguments = [id]
            }
            sql += " ORDER BY domain.name, alias.source_key, alias.target_key"
            var result: [Alias] = []
            var currentKey: String?
            var currentSource: AliasSource?
            var targets: [EmailAddress] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let key: String = row[0]
                if key != currentKey, let source = currentSource {
                    result.append(Alias(source: source, targets: targets))
                    targets = []
                }
                if key != currentKey {
                    currentKey = key
                    let domainName: String = row[2]
                    if let localPart = row[1] as String? {
                        currentSource = .address(try EmailAddress(localPart: localPart, domain: domainName))
                    } else {
                        currentSource = .catchAll(domain: domainName)
                    }
                }
                targets.append(try EmailAddress(localPart: row[3], domain: row[4]))
            }
            if let source = currentSource { result.append(Alias(source: source, targets: targets)) }
            return result
        }
    }

    public func resolveRecipient(_ address: EmailAddress) async throws(MailStoreError) -> RecipientResolution {
        let limits = self.limits
        return try await read { db in
            var resolver = RecipientResolver(db: db, limits: limits)
            return try resolver.resolve(address)
        }
    }

    private func checkCredential(_ credential: String) throws(MailStoreError) {
        guard !credential.isEmpty, credential.utf8.count <= limits.maximumCredentialLength else { throw .invalidCredential }
    }
}
