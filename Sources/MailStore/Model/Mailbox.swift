import Foundation
import MailCore

/// What the store knows about one mailbox (for LIST and SELECT).
public struct MailboxInfo: Hashable, Sendable, CustomStringConvertible {
    public let id: MailboxID
    public let name: MailboxName
    /// The SPECIAL-USE role (RFC 6154), if any.
    public let specialUse: SpecialUse?
    public let isSubscribed: Bool
    public let uidValidity: UIDValidity

    public init(id: MailboxID, name: MailboxName, specialUse: SpecialUse?, isSubscribed: Bool, uidValidity: UIDValidity) {
        self.id = id
        self.name = name
        self.specialUse = specialUse
        self.isSubscribed = isSubscribed
        self.uidValidity = uidValidity
    }

    public var description: String { name.rawValue }
}

/// The counters of a mailbox (IMAP STATUS, RFC 9051 §6.3.11; HIGHESTMODSEQ from RFC 7162).
public struct MailboxStatus: Hashable, Sendable {
    public let mailbox: MailboxID
    public var messages: Int
    public var unseen: Int
    /// Messages with `\Deleted` set.
    public var deleted: Int
    public var uidNext: UID
    public var uidValidity: UIDValidity
    public var highestModSequence: ModSequence
    /// The sum of the message sizes in octets (STATUS SIZE, RFC 8438).
    public var size: Int
    /// The sum of the sizes of the messages with `\Deleted` set (RFC 9208 DELETED-STORAGE).
    public var deletedSize: Int = 0

    public init(mailbox: MailboxID, messages: Int, unseen: Int, deleted: Int, uidNext: UID,
                uidValidity: UIDValidity, highestModSequence: ModSequence, size: Int, deletedSize: Int = 0) {
        self.deletedSize = deletedSize
        self.mailbox = mailbox
        self.messages = messages
        self.unseen = unseen
        self.deleted = deleted
        self.uidNext = uidNext
        self.uidValidity = uidValidity
        self.highestModSequence = highestModSequence
        self.size = size
    }
}

/// The per-message data a session keeps for the messages of a selected mailbox.
public struct MessageSummary: Hashable, Sendable {
    public let uid: UID
    public let modSequence: ModSequence
    public let flags: MessageFlags
    /// INTERNALDATE: when the message was received (or the date APPEND gave).
    public let internalDate: Date
    /// SAVEDATE (RFC 8514): when the message was saved into this mailbox.
    public let saveDate: Date
    /// RFC822.SIZE in octets.
    public let size: Int

    public init(uid: UID, modSequence: ModSequence, flags: MessageFlags, internalDate: Date, saveDate: Date, size: Int) {
        self.uid = uid
        self.modSequence = modSequence
        self.flags = flags
        self.internalDate = internalDate
        self.saveDate = saveDate
        self.size = size
    }
}

/// The messages of a mailbox as of one committed state: nothing a concurrent writer does
/// shows up half-way in it.
public struct MailboxSnapshot: Hashable, Sendable {
    public let mailbox: MailboxID
    public let uidValidity: UIDValidity
    public let uidNext: UID
    public let highestModSequence: ModSequence
    /// Ascending by UID. With `changedSince`, only messages whose MODSEQ is greater.
    public let messages: [MessageSummary]

    public init(mailbox: MailboxID, uidValidity: UIDValidity, uidNext: UID, highestModSequence: ModSequence, messages: [MessageSummary]) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.highestModSequence = highestModSequence
        self.messages = messages
    }
}

/// UIDs expunged from a mailbox after a given MODSEQ (for QRESYNC's VANISHED, RFC 7162 §3.2.10).
public struct ExpungedSince: Hashable, Sendable {
    public let mailbox: MailboxID
    public let uidValidity: UIDValidity
    public let highestModSequence: ModSequence
    /// Ascending.
    public let uids: [UID]

    public init(mailbox: MailboxID, uidValidity: UIDValidity, highestModSequence: ModSequence, uids: [UID]) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.highestModSequence = highestModSequence
        self.uids = uids
    }
}
