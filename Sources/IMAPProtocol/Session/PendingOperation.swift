import MailCore
import MailStore

/// What the session does with the store response it awaits.
enum PendingOperation: Sendable {
    case select(tag: String, readOnly: Bool, parameters: SelectParameters)
    /// CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE: `command` names it for the completion;
    /// `deleted` is the mailbox a DELETE removes.
    case mailboxChange(tag: String, command: String, deleted: MailboxName?)
    case list(tag: String, command: String, statusAttributes: [StatusAttribute]?)
    case status(tag: String, attributes: [StatusAttribute])
    case appendTarget(tag: String)
    case appendSpool
    case appendCommit(tag: String)
    case store(tag: String, usesUIDs: Bool, silent: Bool)
    case expunge(tag: String, usesUIDs: Bool)
    case close(tag: String)
    case copy(tag: String, command: String, move: Bool, usesUIDs: Bool)
    case resynchronization
    case messageCommand(tag: String, command: IMAPCommand)
    /// GETQUOTA (`mailbox` nil) or GETQUOTAROOT.
    case quota(tag: String, mailbox: MailboxName?)
    /// An ACL command (RFC 4314); `identifier` is LISTRIGHTS's, which its response repeats.
    case accessControl(tag: String, command: String, mailbox: MailboxName, identifier: String?)
}
