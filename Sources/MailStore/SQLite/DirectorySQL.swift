internal import GRDB
import MailCore

/// SQL about domains, accounts and aliases, run inside a database access.
enum DirectorySQL {
    static let accountColumns = "account.id, account.local_part, domain.name, account.credential"
    static let accountFrom = "account JOIN domain ON domain.id = account.domain_id"

    static func account(from row: Row) throws -> Account {
        let localPart: String = row[1]
        let domain: String = row[2]
        do {
            let address = try EmailAddress(localPart: localPart, domain: domain)
            return Account(id: AccountID(rawValue: row[0]), address: address, credential: row[3])
        } catch {
            throw MailStoreError.storageFailure("stored address \(localPart)@\(domain) is invalid: \(error)")
        }
    }

    static func domainID(_ db: Database, name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM domain WHERE name = ?"), arguments: [name])
    }

    static func requireDomainID(_ db: Database, name: String) throws -> Int64 {
        guard let id = try domainID(db, name: name) else { throw MailStoreError.domainNotFound(name) }
        return id
    }

    static func account(_ db: Database, key: String) throws -> Account? {
        let statement = try db.cachedStatement(sql: "SELECT \(accountColumns) FROM \(accountFrom) WHERE account.lookup_key = ?")
        return try Row.fetchOne(statement, arguments: [key]).map(account(from:))
    }

    static func account(_ db: Database, id: AccountID) throws -> Account? {
        let statement = try db.cachedStatement(sql: "SELECT \(accountColumns) FROM \(accountFrom) WHERE account.id = ?")
        return try Row.fetchOne(statement, arguments: [id.rawValue]).map(account(from:))
    }

    static func requireAccount(_ db: Database, _ address: EmailAddress) throws -> Account {
        guard let account = try account(db, key: address.lookupKey) else {
            throw MailStoreError.accountNotFound(address.description)
        }
        return account
    }

    static func aliasKey(_ source: AliasSource) -> String {
        switch source {
        case .address(let address): address.lookupKey
        case .catchAll(let domain): "@" + domain
        }
    }

    /// The targets of an alias source key, sorted by key.
    static func aliasTargets(_ db: Database, sourceKey: String) throws -> [EmailAddress] {
        let statement = try db.cachedStatement(sql: """
            SELECT target_local_part, target_domain FROM alias WHERE source_key = ? ORDER BY target_key
            """)
        return try Row.fetchAll(statement, arguments: [sourceKey]).map { row in
            let localPart: String = row[0]
            let domain: String = row[1]
            do {
                return try EmailAddress(localPart: localPart, domain: domain)
            } catch {
                throw MailStoreError.storageFailure("stored alias target \(localPart)@\(domain) is invalid: \(error)")
            }
        }
    }

    static func hasAlias(_ db: Database, sourceKey: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM alias WHERE source_key = ?)"),
                          arguments: [sourceKey]) ?? false
    }
}

/// Turns domain text into the canonical name, or the store's error.
func canonicalDomainName(_ name: String) throws(MailStoreError) -> String {
    do {
        return try EmailAddress.canonicalDomain(name)
    } catch {
        throw .invalidDomain(name, reason: error.description)
    }
}
