import MailCore
import MailStore

/// GETACL, SETACL, DELETEACL, LISTRIGHTS and MYRIGHTS (RFC 4314 §3). Identifiers are login
/// names (account addresses) and `anyone`; the owner of a mailbox always has every right,
/// which cannot be changed. Negative rights (`-identifier`, RFC 4314 §2) are not kept.
extension IMAPCommandExecutor {
    /// The identifier that grants to every account (RFC 4314 §2).
    static let anyoneIdentifier = "anyone"

    func accessControl(_ request: AccessControlRequest, on name: MailboxName) async throws(MailStoreError) -> AccessControlAnswer {
        // RFC 4314 §3.5: any right is enough to ask MYRIGHTS; the others need `a`.
        let target = try await resolve(name, needing: request == .myRights ? [] : .administer)
        let mailbox = target.info.id
        switch request {
        case .myRights:
            return .myRights(target.rights)
        case .getACL:
            guard let owner = try await store.account(id: mailbox.account) else { throw .mailboxNotFound(name.rawValue) }
            var entries = [ACLEntry(identifier: owner.address.description, rights: MailboxRights.all.letters)]
            for grant in try await store.grants(on: mailbox) {
                let identifier = grant.granteeAddress?.description ?? Self.anyoneIdentifier
                entries.append(ACLEntry(identifier: identifier, rights: grant.rights.letters))
            }
            return .accessControlList(entries)
        case .listRights(let identifier):
            // RFC 4314 §3.4: the owner holds every right for good; anyone else can be granted
            // each right on its own.
            if try await grantee(identifier, of: mailbox) == nil { return .listRights(required: .all, optional: []) }
            return .listRights(required: [], optional: MailboxRights.eachRight)
        case .setRights(let identifier, let operation, let rights):
            guard let grantee = try await grantee(identifier, of: mailbox) else { throw Self.ownerRightsAreFixed }
            let current = try await currentRights(of: grantee, on: mailbox)
            let updated = switch operation {
            case .replace: rights
            case .add: current.union(rights)
            case .remove: current.subtracting(rights)
            }
            try await store.setRights(updated, of: grantee, on: mailbox)
            return .changed
        case .deleteRights(let identifier):
            guard let grantee = try await grantee(identifier, of: mailbox) else { throw Self.ownerRightsAreFixed }
            try await store.setRights([], of: grantee, on: mailbox)
            return .changed
        }
    }

    private static let ownerRightsAreFixed = MailStoreError.invalidGrant("the owner always has every right on its mailboxes")

    /// The grantee an identifier names; nil for the mailbox's owner.
    private func grantee(_ identifier: String, of mailbox: MailboxID) async throws(MailStoreError) -> MailboxGrantee? {
        if identifier.lowercased() == Self.anyoneIdentifier { return .anyone }
        if identifier.hasPrefix("-") { throw .invalidGrant("negative rights are not supported") }
        guard let address = try? EmailAddress(parsing: identifier), let grantee = try await store.account(for: address) else {
            throw .invalidGrant("there is no user \(identifier)")
        }
        return grantee.id == mailbox.account ? nil : .account(grantee.id)
    }

    private func currentRights(of grantee: MailboxGrantee, on mailbox: MailboxID) async throws(MailStoreError) -> MailboxRights {
        try await store.grants(on: mailbox).first { $0.grantee == grantee }?.rights ?? []
    }
}
