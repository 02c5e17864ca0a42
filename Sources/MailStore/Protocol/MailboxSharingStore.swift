import MailCore

/// Mailboxes shared between accounts through access control lists (RFC 4314). The owner of
/// a mailbox always has every right; an entry grants rights to one account or to `anyone`,
/// and an account's rights are the union of its own entry and `anyone`'s.
public protocol MailboxSharingStore: Sendable {
    /// The rights `viewer` has on `mailbox`: every right for the owner; for another account,
    /// what the list grants (empty when the mailbox does not exist).
    func rights(of viewer: AccountID, on mailbox: MailboxID) async throws(MailStoreError) -> MailboxRights
    /// The access control list of a mailbox (the owner's implicit rights are not in it), by
    /// grantee: `anyone` first, then accounts by address.
    func grants(on mailbox: MailboxID) async throws(MailStoreError) -> [MailboxGrant]
    /// Sets the rights of `grantee` on `mailbox`; empty rights remove its entry. The owner
    /// cannot be a grantee (its rights are fixed).
    func setRights(_ rights: MailboxRights, of grantee: MailboxGrantee, on mailbox: MailboxID) async throws(MailStoreError)
    /// The mailboxes of other accounts on which `viewer` (or `anyone`) holds the lookup
    /// right, sorted by owner address and then by name.
    func sharedMailboxes(visibleTo viewer: AccountID) async throws(MailStoreError) -> [SharedMailbox]
    /// Subscribes `viewer` to (or unsubscribes it from) another account's mailbox.
    func setSharedSubscription(_ subscribed: Bool, mailbox: MailboxID, for viewer: AccountID) async throws(MailStoreError)
}
