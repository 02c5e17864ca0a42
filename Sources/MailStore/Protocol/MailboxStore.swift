import MailCore

/// The mailboxes of an account: a hierarchy with `/` as delimiter.
public protocol MailboxStore: Sendable {
    /// Every mailbox of the account, sorted by name.
    func mailboxes(of account: AccountID) async throws(MailStoreError) -> [MailboxInfo]
    /// One mailbox by name; throws `mailboxNotFound`.
    func mailbox(named name: MailboxName, of account: AccountID) async throws(MailStoreError) -> MailboxInfo
    /// Creates a mailbox and any missing superior mailboxes (RFC 9051 §6.3.4). A name used
    /// before gets a new UIDVALIDITY. Returns the new mailbox.
    @discardableResult
    func createMailbox(_ name: MailboxName, of account: AccountID, specialUse: SpecialUse?) async throws(MailStoreError) -> MailboxInfo
    /// Deletes a mailbox and its messages. INBOX cannot be deleted; a mailbox with
    /// inferior mailboxes is refused (`mailboxHasChildren`).
    func deleteMailbox(_ name: MailboxName, of account: AccountID) async throws(MailStoreError)
    /// Renames a mailbox and every mailbox below it, creating missing superiors of the new
    /// name. Renaming INBOX (RFC 9051 §6.3.6) creates the new mailbox, moves INBOX's
    /// messages into it and leaves INBOX empty; INBOX's inferiors stay where they are.
    func renameMailbox(_ name: MailboxName, to newName: MailboxName, of account: AccountID) async throws(MailStoreError)
    /// Sets the subscribed state (RFC 9051 §6.3.7, §6.3.8).
    func setSubscribed(_ subscribed: Bool, mailbox name: MailboxName, of account: AccountID) async throws(MailStoreError)
    /// The counters of a mailbox.
    func status(of mailbox: MailboxID) async throws(MailStoreError) -> MailboxStatus
}
