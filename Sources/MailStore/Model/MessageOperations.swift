import MailCore

/// The flags of one message after a STORE.
public struct FlagUpdate: Hashable, Sendable {
    public let uid: UID
    public let flags: MessageFlags
    public let modSequence: ModSequence
    /// False when the STORE left the flags as they were (the MODSEQ then did not change).
    public let changed: Bool

    public init(uid: UID, flags: MessageFlags, modSequence: ModSequence, changed: Bool) {
        self.uid = uid
        self.flags = flags
        self.modSequence = modSequence
        self.changed = changed
    }
}

/// The outcome of a STORE.
public struct FlagStoreResult: Hashable, Sendable {
    /// Every addressed message that exists and passed the UNCHANGEDSINCE test, ascending by UID.
    public let updates: [FlagUpdate]
    /// Messages left alone because their MODSEQ was above UNCHANGEDSINCE (the `MODIFIED`
    /// response code of RFC 7162 §3.1.3), ascending.
    public let failedUnchangedSince: [UID]
    public let highestModSequence: ModSequence

    public init(updates: [FlagUpdate], failedUnchangedSince: [UID], highestModSequence: ModSequence) {
        self.updates = updates
        self.failedUnchangedSince = failedUnchangedSince
        self.highestModSequence = highestModSequence
    }
}

/// The outcome of an EXPUNGE.
public struct ExpungeResult: Hashable, Sendable {
    /// Ascending.
    public let expunged: [UID]
    /// The MODSEQ of the expunge (the mailbox's HIGHESTMODSEQ after it); unchanged if nothing
    /// was expunged.
    public let modSequence: ModSequence

    public init(expunged: [UID], modSequence: ModSequence) {
        self.expunged = expunged
        self.modSequence = modSequence
    }
}

/// A message's UID in the source mailbox and the UID its copy got.
public struct UIDMapping: Hashable, Sendable {
    public let source: UID
    public let destination: UID
    public init(source: UID, destination: UID) {
        self.source = source
        self.destination = destination
    }
}

/// The outcome of a COPY or MOVE (what COPYUID of RFC 4315 reports).
public struct CopyResult: Hashable, Sendable {
    public let destination: MailboxID
    public let destinationUIDValidity: UIDValidity
    /// Ascending by source UID.
    public let mappings: [UIDMapping]
    /// For a MOVE, the source's expunge; nil for a COPY.
    public let sourceExpunge: ExpungeResult?

    public init(destination: MailboxID, destinationUIDValidity: UIDValidity, mappings: [UIDMapping], sourceExpunge: ExpungeResult?) {
        self.destination = destination
        self.destinationUIDValidity = destinationUIDValidity
        self.mappings = mappings
        self.sourceExpunge = sourceExpunge
    }
}

/// The content of one stored message.
public struct MessageContent: Sendable {
    public let summary: MessageSummary
    /// The cached parse: IMAP serves ENVELOPE, BODYSTRUCTURE and part ranges from it.
    public let structure: MessageStructure
    /// The octets exactly as received.
    public let bytes: [UInt8]

    public init(summary: MessageSummary, structure: MessageStructure, bytes: [UInt8]) {
        self.summary = summary
        self.structure = structure
        self.bytes = bytes
    }
}

/// Which indexed text a search term looks in.
public enum TextSearchField: String, Hashable, Sendable, CaseIterable {
    case subject, from, to, cc, bcc, body
    /// Headers and body (IMAP `TEXT`).
    case text
}

/// One condition of a full-text search: the field contains the words of `text`, in order,
/// the last one possibly as a prefix. The index works on words (Unicode-aware, case- and
/// accent-insensitive), so it matches whole words and word prefixes, not arbitrary substrings.
public struct TextSearchTerm: Hashable, Sendable {
    public var field: TextSearchField
    public var text: String
    public init(_ field: TextSearchField, _ text: String) {
        self.field = field
        self.text = text
    }
}

/// A full-text search: every term must match.
public struct TextSearchQuery: Hashable, Sendable {
    public var terms: [TextSearchTerm]
    public init(_ terms: [TextSearchTerm]) { self.terms = terms }
}
