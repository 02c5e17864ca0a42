import Foundation
import MailCore
import MailStore

/// A store operation the session needs, carried by ``IMAPServerAction/execute(_:)`` and run by
/// ``IMAPCommandExecutor``. Requests name mailboxes as the client does: the executor is
/// bound to one account and reaches another account's mailbox only through the shared
/// namespace, with the rights its access control list grants (DESIGN rule 5, RFC 4314).
public enum IMAPStoreRequest: Sendable {
    /// SELECT/EXAMINE: the mailbox, its snapshot, and — for QRESYNC — the UIDs expunged
    /// since the client's mod-sequence (RFC 7162 §3.2.5).
    case select(MailboxName, expungedSince: ModSequence?, withListing: Bool = false)
    case create(MailboxName, specialUse: SpecialUse?)
    case delete(MailboxName)
    case rename(MailboxName, to: MailboxName)
    case setSubscribed(MailboxName, Bool)
    /// LIST/LSUB: the mailboxes the query lists, with their STATUS when asked (RFC 5819).
    case list(MailboxListQuery, withStatus: Bool)
    case status(MailboxName)
    /// The destination of an APPEND, looked up before its data is accepted (TRYCREATE).
    case appendTarget(MailboxName)
    /// APPEND data that no longer fits in memory: write the spool's memory and these octets
    /// to its spool file (made on first use).
    case writeSpool(AppendSpool, [UInt8])
    /// Save the messages of one APPEND (all of them, or none: RFC 3502).
    case append([AppendedMessage], to: MailboxID)
    case storeFlags(FlagChange, UIDSet, in: MailboxID, unchangedSince: ModSequence?)
    case expunge(UIDSet, in: MailboxID, onlyDeleted: Bool)
    /// COPY or MOVE (RFC 6851) to a mailbox named by the client.
    case copy(UIDSet, from: MailboxID, to: MailboxName, move: Bool)
    /// A fresh snapshot of the selected mailbox, after the change feed overflowed.
    case snapshot(MailboxID)
    /// FETCH, SEARCH, SORT or THREAD (see ``IMAPMessageCommandHandler``).
    case messageCommand(MessageCommandContext)
    /// The account's quota (GETQUOTA), or that of the mailbox's root (GETQUOTAROOT: the
    /// mailbox must exist).
    case quota(MailboxName?)
    /// GETACL, SETACL, DELETEACL, LISTRIGHTS or MYRIGHTS on a mailbox (RFC 4314).
    case accessControl(MailboxName, AccessControlRequest)
}

extension IMAPStoreRequest {
    /// Whether the request evaluates every message of a mailbox (SEARCH, SORT, THREAD),
    /// which in a large mailbox computes for tens of milliseconds: the network side runs
    /// such a request off the connection's event loop, so other connections on that loop
    /// are not held up meanwhile.
    public var evaluatesWholeMailbox: Bool {
        guard case .messageCommand(let context) = self else { return false }
        switch context.command {
        case .search, .sort, .thread: return true
        default: return false
        }
    }
}

/// What ``IMAPCommandExecutor`` answers to an ``IMAPStoreRequest``.
public enum IMAPStoreResponse: Sendable {
    /// `listing`: the mailbox as LIST reports it, when the request asked (IMAP4rev2 SELECT);
    /// `rights`: the session's rights on it (all of them on the account's own mailboxes).
    case selected(MailboxInfo, MailboxSnapshot, expunged: ExpungedSince?, listing: ListedMailbox? = nil,
                  rights: MailboxRights = .all)
    /// DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE succeeded.
    case done
    case quota(AccountQuota)
    case listed([ListedMailbox], statuses: [MailboxID: MailboxStatus])
    case status(MailboxInfo, MailboxStatus)
    /// The mailbox CREATE made, or the destination of an APPEND.
    case mailbox(MailboxInfo)
    case spool(AppendSpool)
    case appended(uidValidity: UIDValidity, uids: [UID])
    case flagsStored(FlagStoreResult)
    case expunged(ExpungeResult)
    case copied(CopyResult)
    case snapshot(MailboxSnapshot)
    case messageCommandCompleted(MessageCommandResult)
    case accessControl(AccessControlAnswer)
    case failed(MailStoreError)
}

/// One message of an APPEND, received in full.
public struct AppendedMessage: Sendable, Hashable {
    /// Where its octets are.
    public var spool: AppendSpool
    public var flags: MessageFlags
    /// INTERNALDATE; nil for "now".
    public var internalDate: Date?

    /// A value with the given fields.
    public init(spool: AppendSpool, flags: MessageFlags, internalDate: Date?) {
        self.spool = spool
        self.flags = flags
        self.internalDate = internalDate
    }
}
