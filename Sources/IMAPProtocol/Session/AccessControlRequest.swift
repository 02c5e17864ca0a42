import MailStore

/// An ACL command (RFC 4314 §3) on one mailbox, for ``IMAPStoreRequest/accessControl(_:_:)``.
public enum AccessControlRequest: Hashable, Sendable {
    /// GETACL.
    case getACL
    /// SETACL: replace, add to or remove from the identifier's rights.
    case setRights(identifier: String, operation: ACLModification.Operation, rights: MailboxRights)
    /// DELETEACL.
    case deleteRights(identifier: String)
    /// LISTRIGHTS.
    case listRights(identifier: String)
    /// MYRIGHTS.
    case myRights
}

/// What an ACL command found.
public enum AccessControlAnswer: Hashable, Sendable {
    /// GETACL: identifiers and their rights, the owner first.
    case accessControlList([ACLEntry])
    /// LISTRIGHTS: the rights always granted, and those that can be granted, one group each.
    case listRights(required: MailboxRights, optional: [MailboxRights])
    /// MYRIGHTS.
    case myRights(MailboxRights)
    /// SETACL or DELETEACL done.
    case changed
}
