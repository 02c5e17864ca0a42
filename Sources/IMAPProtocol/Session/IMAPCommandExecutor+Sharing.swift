import MailCore
import MailStore

/// A mailbox a client named, found in the account's own mailboxes or, through the shared
/// namespace, in another account's.
struct ResolvedMailbox: Sendable {
    /// The mailbox, under the name the client used (a shared mailbox has no special use).
    var info: MailboxInfo
    /// The owner's name for it.
    var ownerName: MailboxName
    /// The session's rights on it.
    var rights: MailboxRights
    /// Whether another account owns it.
    var isShared: Bool
}

/// Mailbox names of the shared namespace and the rights they carry (RFC 4314 §4).
extension IMAPCommandExecutor {
    /// The mailbox `name` refers to, if the session holds `rights` on it. A shared mailbox
    /// on which it holds neither the lookup nor the read right does not exist for it, so that
    /// nothing tells whether such a mailbox exists (RFC 4314 §4, last paragraphs).
    func resolve(_ name: MailboxName, needing rights: MailboxRights) async throws(MailStoreError) -> ResolvedMailbox {
        switch SharedNamespace.reference(to: name) {
        case .personal(let personal):
            let info = try await store.mailbox(named: personal, of: account)
            return ResolvedMailbox(info: info, ownerName: personal, rights: .all, isShared: false)
        case .namespaceLevel:
            throw .mailboxNotFound(name.rawValue)
        case .shared(let ownerText, let ownerName):
            let owner = try await sharingAccount(ownerText, missing: name)
            let info: MailboxInfo
            do {
                info = try await store.mailbox(named: ownerName, of: owner)
            } catch .mailboxNotFound {
                throw .mailboxNotFound(name.rawValue)
            }
            let granted = try Self.require(rights, granted: try await store.rights(of: account, on: info.id),
                                           on: name.rawValue, missing: name.rawValue)
            let shown = MailboxInfo(id: info.id, name: name, specialUse: nil, isSubscribed: false, uidValidity: info.uidValidity)
            return ResolvedMailbox(info: shown, ownerName: ownerName, rights: granted, isShared: true)
        }
    }

    /// The mailbox a SELECT or EXAMINE names, with the read right, and all its messages: an
    /// own mailbox's row and messages are read in one transaction.
    func resolveWithSnapshot(_ name: MailboxName) async throws(MailStoreError) -> (ResolvedMailbox, MailboxSnapshot) {
        if case .personal(let personal) = SharedNamespace.reference(to: name) {
            let (info, snapshot) = try await store.snapshot(ofMailboxNamed: personal, of: account)
            return (ResolvedMailbox(info: info, ownerName: personal, rights: .all, isShared: false), snapshot)
        }
        let target = try await resolve(name, needing: .read)
        return (target, try await store.snapshot(of: target.info.id))
    }

    /// The session's rights on `mailbox`, if they include `rights`: every right on the
    /// account's own mailboxes, what another account granted on its mailbox.
    func checked(_ mailbox: MailboxID, needing rights: MailboxRights) async throws(MailStoreError) -> MailboxRights {
        guard mailbox.account != account else { return .all }
        return try Self.require(rights, granted: try await store.rights(of: account, on: mailbox), on: nil,
                                missing: mailbox.description)
    }

    /// `granted`, if it holds `rights`. Without the lookup and the read right the mailbox does
    /// not exist for the session; with one of them, a missing right is NO [NOPERM].
    /// `name` is the client's name for the mailbox, if it gave one; `missing` what a not-found
    /// error names.
    private static func require(_ rights: MailboxRights, granted: MailboxRights, on name: String?,
                                missing: String) throws(MailStoreError) -> MailboxRights {
        guard !granted.isDisjoint(with: [.lookup, .read]) else { throw .mailboxNotFound(missing) }
        guard granted.isSuperset(of: rights) else {
            let letters = rights.subtracting(granted).standardLetters
            throw .permissionDenied("the rights \(letters)\(name.map { " on \($0)" } ?? "") are missing")
        }
        return granted
    }

    /// The account named by the owner level of a shared name; never the session's own.
    func sharingAccount(_ text: String, missing name: MailboxName) async throws(MailStoreError) -> AccountID {
        guard let address = try? EmailAddress(parsing: text), let owner = try await store.account(for: address),
              owner.id != account else { throw .mailboxNotFound(name.rawValue) }
        return owner.id
    }

    /// What LIST and LSUB report: the account's mailboxes, then the shared mailboxes it may
    /// look up, under their shared names, and the namespace levels above them.
    func listing(_ query: MailboxListQuery) async throws(MailStoreError) -> [ListedMailbox] {
        let personal = try await store.mailboxes(of: account).filter {
            // A name of one's own in the shared namespace's place cannot be reached (SharedNamespace).
            if case .personal = SharedNamespace.reference(to: $0.name) { true } else { false }
        }
        let shared = try await store.sharedMailboxes(visibleTo: account)
        guard !shared.isEmpty else { return MailboxListing.list(personal, query: query) }
        var mailboxes = personal
        var rights = [MailboxID: MailboxRights]()
        var levels = Set<MailboxName>()
        for mailbox in shared {
            guard let name = SharedNamespace.name(of: mailbox.info.name, ownedBy: mailbox.owner) else { continue }
            mailboxes.append(MailboxInfo(id: mailbox.info.id, name: name, specialUse: nil,
                                         isSubscribed: mailbox.info.isSubscribed, uidValidity: mailbox.info.uidValidity))
            rights[mailbox.info.id] = mailbox.rights
            levels.formUnion(SharedNamespace.levels(above: mailbox.owner))
        }
        return MailboxListing.list(mailboxes, namespaceLevels: levels, query: query).map { entry in
            var entry = entry
            if let id = entry.mailbox, let granted = rights[id] { entry.rights = granted }
            return entry
        }
    }

    /// CREATE: in the account, or below a shared mailbox on which it holds `k` (RFC 4314 §4).
    /// A mailbox created in another account starts with its parent's access control list,
    /// so that whoever could create it can reach it. Returns the new mailbox.
    func create(_ name: MailboxName, specialUse: SpecialUse?) async throws(MailStoreError) -> MailboxInfo {
        switch SharedNamespace.reference(to: name) {
        case .personal(let personal):
            return try await store.createMailbox(personal, of: account, specialUse: specialUse)
        case .namespaceLevel:
            throw .mailboxExists(name.rawValue)
        case .shared(_, let ownerName):
            let parent = try await sharedParent(of: name, ownerName: ownerName)
            let created = try await store.createMailbox(ownerName, of: parent.info.id.account, specialUse: nil)
            for grant in try await store.grants(on: parent.info.id) {
                try await store.setRights(grant.rights, of: grant.grantee, on: created.id)
            }
            return created
        }
    }

    /// DELETE: of one's own mailbox, or of a shared one with `x`.
    func delete(_ name: MailboxName) async throws(MailStoreError) {
        let target = try await resolve(name, needing: .deleteMailbox)
        try await store.deleteMailbox(target.ownerName, of: target.info.id.account)
    }

    /// RENAME: within the account, or within one other account with `x` on the mailbox and
    /// `k` on the new parent; never from one account to another.
    func rename(_ name: MailboxName, to newName: MailboxName) async throws(MailStoreError) {
        let source = try await resolve(name, needing: .deleteMailbox)
        guard source.isShared else {
            guard case .personal(let personalName) = SharedNamespace.reference(to: newName) else {
                throw .invalidRename(from: name.rawValue, to: newName.rawValue, reason: "a mailbox cannot move to another account")
            }
            return try await store.renameMailbox(source.ownerName, to: personalName, of: account)
        }
        guard case .shared(let ownerText, let ownerName) = SharedNamespace.reference(to: newName),
              try await sharingAccount(ownerText, missing: newName) == source.info.id.account else {
            throw .invalidRename(from: name.rawValue, to: newName.rawValue, reason: "a mailbox cannot move to another account")
        }
        _ = try await sharedParent(of: newName, ownerName: ownerName)
        try await store.renameMailbox(source.ownerName, to: ownerName, of: source.info.id.account)
    }

    /// SUBSCRIBE and UNSUBSCRIBE; a shared mailbox's subscription is the session's own.
    func setSubscribed(_ name: MailboxName, _ subscribed: Bool) async throws(MailStoreError) {
        switch SharedNamespace.reference(to: name) {
        case .personal(let personal):
            try await store.setSubscribed(subscribed, mailbox: personal, of: account)
        case .namespaceLevel:
            throw .mailboxNotFound(name.rawValue)
        case .shared:
            let target = try await resolve(name, needing: [])
            try await store.setSharedSubscription(subscribed, mailbox: target.info.id, for: account)
        }
    }

    /// The existing parent, in the owner's account, of a shared name about to be created,
    /// on which the session holds `k` (resolving it checks the owner too). A new top-level
    /// mailbox of another account is refused.
    private func sharedParent(of name: MailboxName, ownerName: MailboxName) async throws(MailStoreError) -> ResolvedMailbox {
        guard let parentName = name.parent, ownerName.parent != nil else {
            throw .permissionDenied("only the owner creates mailboxes at the top of its hierarchy")
        }
        return try await resolve(parentName, needing: .createMailbox)
    }
}
