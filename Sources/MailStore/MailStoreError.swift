import MailCore

/// Why a store operation failed. Every case has a one-line description fit for an admin
/// command's stderr or a protocol's error text.
public enum MailStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidAddress(String, reason: String)
    case invalidDomain(String, reason: String)
    case domainNotFound(String)
    case domainExists(String)
    /// The domain still has accounts or aliases.
    case domainNotEmpty(String)
    case accountNotFound(String)
    /// An account or an alias already uses the address.
    case addressInUse(String)
    case aliasNotFound(String)
    case tooManyAliasTargets(source: String, limit: Int)
    /// Expanding an address went deeper or wider than the limits allow.
    case aliasExpansionTooLarge(String)
    case mailboxNotFound(String)
    case mailboxExists(String)
    /// RFC 9051 §6.3.5: this store refuses to delete a mailbox that has inferior mailboxes.
    case mailboxHasChildren(String)
    case cannotDeleteInbox
    case invalidRename(from: String, to: String, reason: String)
    case tooManyMailboxes(limit: Int)
    /// An access control list change this store refuses (RFC 4314 §3.1).
    case invalidGrant(String)
    /// The account lacks the right an operation on another account's mailbox needs (RFC 4314 §4).
    case permissionDenied(String)
    case messageNotFound(UID)
    case messageTooLarge(size: Int, limit: Int)
    /// The account's quota has no room for the messages (RFC 9208 OVERQUOTA).
    case overQuota
    /// `deliver` was called without any target.
    case noDeliveryTargets
    case invalidKeyword(String)
    case tooManyKeywords(limit: Int)
    case tooManyUIDRanges(limit: Int)
    case invalidSearch(String)
    case invalidSpoolFile(String)
    case invalidCredential
    /// A stored message's content is missing or does not match its SHA-256.
    case blobDamaged(sha256: String)
    /// The stored structure of a message could not be decoded.
    case structureDamaged(UID)
    /// No queue entry has this identifier.
    case queueEntryNotFound(String)
    /// A queue entry with this identifier exists already.
    case queueEntryExists(String)
    /// The database or the file system failed; the text says how.
    case storageFailure(String)
    case closed

    public var description: String {
        switch self {
        case .invalidAddress(let text, let reason): "'\(text)' is not a valid address: \(reason)"
        case .invalidDomain(let text, let reason): "'\(text)' is not a valid domain: \(reason)"
        case .domainNotFound(let name): "the domain \(name) is not a local domain"
        case .domainExists(let name): "the domain \(name) already exists"
        case .domainNotEmpty(let name): "the domain \(name) still has accounts or aliases"
        case .accountNotFound(let address): "there is no account \(address)"
        case .addressInUse(let address): "the address \(address) is already used by an account or an alias"
        case .aliasNotFound(let source): "there is no alias \(source)"
        case .tooManyAliasTargets(let source, let limit): "the alias \(source) would have more than \(limit) targets"
        case .aliasExpansionTooLarge(let address): "expanding \(address) exceeds the alias depth or fan-out limit"
        case .mailboxNotFound(let name): "there is no mailbox \(name)"
        case .mailboxExists(let name): "the mailbox \(name) already exists"
        case .mailboxHasChildren(let name): "the mailbox \(name) has inferior mailboxes; delete them first"
        case .cannotDeleteInbox: "INBOX cannot be deleted"
        case .invalidRename(let from, let to, let reason): "cannot rename \(from) to \(to): \(reason)"
        case .tooManyMailboxes(let limit): "the account already has \(limit) mailboxes"
        case .invalidGrant(let reason): "cannot change the access control list: \(reason)"
        case .permissionDenied(let what): "permission denied: \(what)"
        case .messageNotFound(let uid): "there is no message with UID \(uid)"
        case .messageTooLarge(let size, let limit): "the message has \(size) octets, more than the limit of \(limit)"
        case .overQuota: "the account's quota has no room for it"
        case .noDeliveryTargets: "a delivery needs at least one target"
        case .invalidKeyword(let keyword): "'\(keyword)' is not a valid keyword"
        case .tooManyKeywords(let limit): "a message can have at most \(limit) keywords"
        case .tooManyUIDRanges(let limit): "the UID set has more than \(limit) ranges"
        case .invalidSearch(let reason): "invalid search: \(reason)"
        case .invalidSpoolFile(let path): "'\(path)' is not a spool file of this store"
        case .invalidCredential: "the credential is empty or too long"
        case .blobDamaged(let sha256): "the stored content \(sha256) is missing or damaged"
        case .structureDamaged(let uid): "the cached structure of message \(uid) is damaged"
        case .queueEntryNotFound(let id): "there is no queue entry \(id)"
        case .queueEntryExists(let id): "the queue entry \(id) exists already"
        case .storageFailure(let reason): "storage failure: \(reason)"
        case .closed: "the store is closed"
        }
    }
}
