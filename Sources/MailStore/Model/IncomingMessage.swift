import Foundation
import MailCore

/// A message handed to the store by `deliver` or `append`.
public struct IncomingMessage: Sendable {
    /// Where the octets are.
    public enum Source: Sendable {
        /// The octets in memory. Bare LF line ends are stored as CRLF (so the stored size
        /// and byte ranges are what IMAP sends); octets in CRLF form are stored as given.
        case bytes([UInt8])
        /// A file the caller wrote into the store's spool directory (see
        /// `MessageStore.makeSpoolFile()`). The store adopts it by renaming it; the caller
        /// must not touch it afterwards, whether the call succeeds or not. Its line ends
        /// must be CRLF (as SMTP delivers them): the file is stored as it is.
        case spooled(SpoolFile)
    }

    public var source: Source
    /// INTERNALDATE; nil means "now" by the store's clock.
    public var internalDate: Date?

    public init(source: Source, internalDate: Date? = nil) {
        self.source = source
        self.internalDate = internalDate
    }

    /// A message held in memory.
    public static func bytes(_ bytes: [UInt8], internalDate: Date? = nil) -> IncomingMessage {
        IncomingMessage(source: .bytes(bytes), internalDate: internalDate)
    }

    /// A message the caller streamed into a spool file.
    public static func spooled(_ file: SpoolFile, internalDate: Date? = nil) -> IncomingMessage {
        IncomingMessage(source: .spooled(file), internalDate: internalDate)
    }
}

/// A file in the store's spool directory, made by `makeSpoolFile()`, that a caller fills
/// (SMTP streams DATA into it) and then hands to `deliver` or `append`.
public struct SpoolFile: Hashable, Sendable {
    /// The absolute path of the file.
    public let path: String
    public init(path: String) { self.path = path }
}

/// One place a delivered message goes: a mailbox of a local account.
public struct DeliveryTarget: Hashable, Sendable {
    public var account: AccountID
    /// The mailbox to file into. If it does not exist the message goes to INBOX
    /// (the implicit keep of RFC 5228 §2.10.2).
    public var mailbox: MailboxName
    /// Flags the message gets in that mailbox.
    public var flags: MessageFlags

    public init(account: AccountID, mailbox: MailboxName = .inbox, flags: MessageFlags = .none) {
        self.account = account
        self.mailbox = mailbox
        self.flags = flags
    }
}

/// Where one copy of a message was saved, durably.
public struct SavedMessage: Hashable, Sendable {
    public let mailbox: MailboxID
    /// The mailbox the copy went to (INBOX if the requested one did not exist).
    public let mailboxName: MailboxName
    public let uidValidity: UIDValidity
    public let uid: UID
    public let modSequence: ModSequence

    public init(mailbox: MailboxID, mailboxName: MailboxName, uidValidity: UIDValidity, uid: UID, modSequence: ModSequence) {
        self.mailbox = mailbox
        self.mailboxName = mailboxName
        self.uidValidity = uidValidity
        self.uid = uid
        self.modSequence = modSequence
    }
}

/// The result of a delivery: one saved copy per target, in the order of the targets, and the
/// content's SHA-256.
public struct DeliveryReceipt: Hashable, Sendable {
    public let saved: [SavedMessage]
    /// The SHA-256 of the message octets, lower-case hex.
    public let sha256: String
    public let size: Int

    public init(saved: [SavedMessage], sha256: String, size: Int) {
        self.saved = saved
        self.sha256 = sha256
        self.size = size
    }
}
