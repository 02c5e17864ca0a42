internal import GRDB
import MailCore

/// Expands one address inside a read (see `DirectoryStore.resolveRecipient`).
///
/// Each lookup key is expanded at most once, so alias cycles end; the depth and the number
/// of recipients found are bounded by `MailStoreLimits`.
struct RecipientResolver {
    let db: Database
    let limits: MailStoreLimits
    private var result = ResolvedRecipients()
    private var seenAccounts: Set<AccountID> = []
    private var seenRemote: Set<String> = []
    private var expanded: Set<String> = []
    private var localDomains: [String: Bool] = [:]

    init(db: Database, limits: MailStoreLimits) {
        self.db = db
        self.limits = limits
    }

    mutating func resolve(_ address: EmailAddress) throws -> RecipientResolution {
        guard try isLocal(address.domain) else { return .nonLocalDomain }
        try expand(address, depth: 0, origin: address)
        return result.isEmpty ? .unknownUser : .local(result)
    }

    private mutating func expand(_ address: EmailAddress, depth: Int, origin: EmailAddress) throws {
        guard depth <= limits.maximumAliasDepth else { throw MailStoreError.aliasExpansionTooLarge(origin.description) }
        guard try isLocal(address.domain) else {
            try addRemote(address, origin: origin)
            return
        }
        let key = address.lookupKey
        guard expanded.insert(key).inserted else { return }
        if try claim(key: key, tag: nil, depth: depth, origin: origin) { return }
        // Plus-addressing: user+tag@ goes where user@ goes.
        if let separator = limits.subaddressSeparator, let split = address.localPart.firstIndex(of: separator) {
            let base = String(address.localPart[..<split])
            let tag = String(address.localPart[address.localPart.index(after: split)...])
            if !base.isEmpty, let baseAddress = try? EmailAddress(localPart: base, domain: address.domain) {
                let baseKey = baseAddress.lookupKey
                if expanded.insert(baseKey).inserted {
                    if try claim(key: baseKey, tag: tag, depth: depth, origin: origin) { return }
                } else {
                    return
                }
            }
        }
        let catchAllKey = "@" + address.domain
        guard expanded.insert(catchAllKey).inserted else { return }
        for target in try DirectorySQL.aliasTargets(db, sourceKey: catchAllKey) {
            try expand(target, depth: depth + 1, origin: origin)
        }
    }

    /// Adds the account with `key`, or expands the alias with `key`; false if neither exists.
    private mutating func claim(key: String, tag: String?, depth: Int, origin: EmailAddress) throws -> Bool {
        if let account = try DirectorySQL.account(db, key: key) {
            if seenAccounts.insert(account.id).inserted {
                result.accounts.append(LocalRecipient(account: account.id, address: account.address, tag: tag))
                try checkFanOut(origin)
            }
            return true
        }
        let targets = try DirectorySQL.aliasTargets(db, sourceKey: key)
        guard !targets.isEmpty else { return false }
        for target in targets {
            try expand(target, depth: depth + 1, origin: origin)
        }
        return true
    }

    private mutating func addRemote(_ address: EmailAddress, origin: EmailAddress) throws {
        guard seenRemote.insert(address.lookupKey).inserted else { return }
        result.remoteAddresses.append(address)
        try checkFanOut(origin)
    }

    private func checkFanOut(_ origin: EmailAddress) throws {
        if result.accounts.count + result.remoteAddresses.count > limits.maximumResolvedRecipients {
            throw MailStoreError.aliasExpansionTooLarge(origin.description)
        }
    }

    private mutating func isLocal(_ domain: String) throws -> Bool {
        if let known = localDomains[domain] { return known }
        let local = try DirectorySQL.domainID(db, name: domain) != nil
        localDomains[domain] = local
        return local
    }
}
