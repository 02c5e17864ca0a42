import MailStore
import SMTPProtocol

/// A check of a received message's content at the end of DATA, before it is stored: the
/// virus scanner and the spam filter. Filters run in order after sender authentication;
/// the first that rejects decides the reply.
public protocol ContentFilter: Sendable {
    /// What to do with `message`.
    func examine(_ message: FilteredMessage) async -> ContentFilterVerdict
}

/// A message as a ``ContentFilter`` sees it: as it would be stored (trace fields, then the
/// fields sender authentication added, then the content), with where it came from and
/// where it goes.
public struct FilteredMessage: Sendable {
    /// The SMTP envelope (sender, recipients, client address, listener).
    public let envelope: SMTPEnvelope
    /// The local accounts the message goes to.
    public let accounts: [LocalRecipient]
    /// The message octets, in memory or in a spool file.
    public let content: IncomingMessage
    /// The DNS block lists (zones) that list the client's address.
    public let blockListings: [String]

    public init(envelope: SMTPEnvelope, accounts: [LocalRecipient], content: IncomingMessage, blockListings: [String]) {
        self.envelope = envelope
        self.accounts = accounts
        self.content = content
        self.blockListings = blockListings
    }
}

/// What a ``ContentFilter`` decided.
public enum ContentFilterVerdict: Sendable, Equatable {
    /// Store the message, with `addedFields` (complete header fields, CRLF-terminated)
    /// put in front of its header, and into Junk for the accounts in `junkAccounts`.
    case accept(addedFields: [UInt8], junkAccounts: Set<AccountID>)
    /// Refuse it with this reply (5xx for a final refusal, 4xx to have the client retry).
    case reject(SMTPReply)

    /// Store the message as it is.
    public static let acceptUnchanged = ContentFilterVerdict.accept(addedFields: [], junkAccounts: [])
}
