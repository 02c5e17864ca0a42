import MailCore

/// A change to an account's mail, published after it is committed, in commit order.
public enum StoreChange: Hashable, Sendable {
    /// Messages were added to a mailbox (delivery, APPEND, COPY, MOVE).
    case messagesAdded(MailboxID, uids: [UID], highestModSequence: ModSequence)
    /// Flags changed; one entry per message whose flags changed.
    case flagsChanged(MailboxID, [FlagUpdate])
    /// Messages were expunged, all with the same MODSEQ.
    case messagesExpunged(MailboxID, uids: [UID], modSequence: ModSequence)
    case mailboxCreated(MailboxID, name: MailboxName)
    case mailboxDeleted(MailboxID, name: MailboxName)
    case mailboxRenamed(MailboxID, from: MailboxName, to: MailboxName)
    case mailboxSubscriptionChanged(MailboxID, subscribed: Bool)
    /// The subscriber fell too far behind and events were dropped: it must read the state
    /// of what it follows again. Events after this one may already be part of what it reads,
    /// so applying them must be idempotent (a known UID added again, an unknown UID expunged).
    case resyncNeeded
}

extension StoreChange {
    /// The mailbox this change is about, if it is about one.
    public var mailbox: MailboxID? {
        switch self {
        case .messagesAdded(let mailbox, _, _), .flagsChanged(let mailbox, _),
             .messagesExpunged(let mailbox, _, _), .mailboxCreated(let mailbox, _),
             .mailboxDeleted(let mailbox, _), .mailboxRenamed(let mailbox, _, _),
             .mailboxSubscriptionChanged(let mailbox, _):
            mailbox
        case .resyncNeeded:
            nil
        }
    }
}
