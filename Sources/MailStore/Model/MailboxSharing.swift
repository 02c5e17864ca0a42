import MailCore

/// Who a right is granted to in a mailbox's access control list (RFC 4314 §2).
public enum MailboxGrantee: Hashable, Sendable {
    /// `anyone`: every account of this server.
    case anyone
    /// One account.
    case account(AccountID)
}

/// One entry of a mailbox's access control list.
public struct MailboxGrant: Hashable, Sendable {
    public let grantee: MailboxGrantee
    /// The grantee's address (the login name, which is the ACL identifier); nil for `anyone`.
    public let granteeAddress: EmailAddress?
    public let rights: MailboxRights

    public init(grantee: MailboxGrantee, granteeAddress: EmailAddress?, rights: MailboxRights) {
        self.grantee = grantee
        self.granteeAddress = granteeAddress
        self.rights = rights
    }
}

/// A mailbox of another account that an account may see (it holds the lookup right).
public struct SharedMailbox: Hashable, Sendable {
    /// The owner's address.
    public let owner: EmailAddress
    /// The mailbox as its owner names it; `isSubscribed` is the viewer's subscription.
    public let info: MailboxInfo
    /// The viewer's rights.
    public let rights: MailboxRights

    public init(owner: EmailAddress, info: MailboxInfo, rights: MailboxRights) {
        self.owner = owner
        self.info = info
        self.rights = rights
    }
}
