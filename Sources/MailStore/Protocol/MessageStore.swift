import Foundation
import MailCore

/// Messages: delivery, APPEND, reading, flags, expunge, copy and move, search.
public protocol MessageStore: Sendable {
    /// Saves one message for every target in ONE durable commit and returns when it is
    /// durable; concurrent deliveries share commits. Identical targets are saved once.
    /// If any target fails (e.g. its account was deleted), nothing is saved.
    @discardableResult
    func deliver(_ message: IncomingMessage, to targets: [DeliveryTarget]) async throws(MailStoreError) -> DeliveryReceipt
    /// APPEND (RFC 9051 §6.3.12): saves a message into one mailbox with flags.
    @discardableResult
    func append(_ message: IncomingMessage, to mailbox: MailboxID, flags: MessageFlags) async throws(MailStoreError) -> SavedMessage
    /// A new, empty file in the store's spool directory for the caller to fill (with CRLF
    /// line ends) and then pass to `deliver` or `append` as `.spooled`. Abandoned spool
    /// files are collected.
    func makeSpoolFile() async throws(MailStoreError) -> SpoolFile
    /// Appends `bytes` to a spool file made by ``makeSpoolFile()``, on the store's file
    /// threads (never blocking the caller's).
    func appendToSpoolFile(_ file: SpoolFile, _ bytes: [UInt8]) async throws(MailStoreError)

    /// The messages of a mailbox as one consistent snapshot; with `changedSince`, only those
    /// whose MODSEQ is greater (CONDSTORE FETCH CHANGEDSINCE, RFC 7162 §3.1.4).
    func snapshot(of mailbox: MailboxID, changedSince: ModSequence?) async throws(MailStoreError) -> MailboxSnapshot
    /// A mailbox of the account by name and all its messages, read together (SELECT reads
    /// both in one transaction); throws `mailboxNotFound`.
    func snapshot(ofMailboxNamed name: MailboxName, of account: AccountID) async throws(MailStoreError) -> (MailboxInfo, MailboxSnapshot)
    /// Like ``snapshot(of:changedSince:)``, but only the messages whose UIDs are in `uids`:
    /// a FETCH of a few messages in a large mailbox reads those rows only.
    func snapshot(of mailbox: MailboxID, uids: UIDSet, changedSince: ModSequence?) async throws(MailStoreError) -> MailboxSnapshot
    /// UIDs expunged after `modSequence`, from the expunge log.
    func expunged(from mailbox: MailboxID, since modSequence: ModSequence) async throws(MailStoreError) -> ExpungedSince
    /// A message's octets and cached structure.
    func content(of uid: UID, in mailbox: MailboxID) async throws(MailStoreError) -> MessageContent
    /// A message's cached structure, without reading its octets.
    func structure(of uid: UID, in mailbox: MailboxID) async throws(MailStoreError) -> MessageStructure
    /// The octets and structures of several messages, read together (one transaction, one
    /// trip to the file reader) for commands that serve many; in the order given, without
    /// the messages that are no longer there. The caller bounds how many octets it asks for.
    func contents(of uids: [UID], in mailbox: MailboxID) async throws(MailStoreError) -> [MessageContent]
    /// Like ``contents(of:in:)``, but each message's `bytes` are only its own header: the
    /// octets up to the end of `structure.root.headerRange`, read without the rest (a FETCH
    /// of `BODY.PEEK[HEADER]`, SEARCH HEADER, THREAD=REFERENCES).
    func headers(of uids: [UID], in mailbox: MailboxID) async throws(MailStoreError) -> [MessageContent]
    /// The cached structures of several messages, read in one transaction, by UID (the
    /// messages no longer there are left out).
    func structures(of uids: [UID], in mailbox: MailboxID) async throws(MailStoreError) -> [UID: MessageStructure]

    /// STORE (RFC 9051 §6.4.6) with the UNCHANGEDSINCE condition of RFC 7162 §3.1.3.
    /// Messages whose flags change get one new MODSEQ; UIDs that do not exist are ignored.
    @discardableResult
    func storeFlags(_ change: FlagChange, on uids: UIDSet, in mailbox: MailboxID, unchangedSince: ModSequence?) async throws(MailStoreError) -> FlagStoreResult
    /// Removes the given messages (with `onlyDeleted`, only those with `\Deleted` set) and
    /// records them in the expunge log under one new MODSEQ.
    @discardableResult
    func expunge(_ uids: UIDSet, in mailbox: MailboxID, onlyDeleted: Bool) async throws(MailStoreError) -> ExpungeResult
    /// COPY: the copies get new UIDs in the destination, in source UID order.
    @discardableResult
    func copy(_ uids: UIDSet, from source: MailboxID, to destination: MailboxID) async throws(MailStoreError) -> CopyResult
    /// MOVE (RFC 6851): copy and expunge from the source in one commit.
    @discardableResult
    func move(_ uids: UIDSet, from source: MailboxID, to destination: MailboxID) async throws(MailStoreError) -> CopyResult

    /// UIDs of the mailbox's messages whose indexed text matches every term, ascending.
    func search(_ query: TextSearchQuery, in mailbox: MailboxID) async throws(MailStoreError) -> [UID]

    /// The object identifiers (RFC 8474 §5) of several messages, by UID (the messages no
    /// longer there are left out).
    func objectIDs(of uids: [UID], in mailbox: MailboxID) async throws(MailStoreError) -> [UID: MessageObjectIDs]
    /// UIDs of the mailbox's messages with the EMAILID or THREADID asked for, ascending.
    func search(_ query: ObjectIDQuery, in mailbox: MailboxID) async throws(MailStoreError) -> [UID]
}
