/// `STORE` and `UID STORE` (RFC 9051 §6.4.6, `UNCHANGEDSINCE` from RFC 7162 §3.1.3).
public struct StoreCommand: Hashable, Sendable {
    /// How the flags change.
    public enum Operation: Hashable, Sendable {
        /// `FLAGS`: replace the flags.
        case replace
        /// `+FLAGS`: add the flags.
        case add
        /// `-FLAGS`: remove the flags.
        case remove
    }

    /// The messages (sequence numbers, or UIDs for the UID form).
    public var sequenceSet: SequenceSet
    /// `UNCHANGEDSINCE`: change only messages whose mod-sequence is not greater.
    public var unchangedSince: UInt64?
    /// Replace, add or remove.
    public var operation: Operation
    /// `.SILENT`: no untagged FETCH for the changed flags.
    public var silent: Bool
    /// The flags to replace with, add or remove.
    public var flags: [Flag]
    /// `UID STORE`.
    public var usesUIDs: Bool

    /// A value with the given fields.
    public init(sequenceSet: SequenceSet, unchangedSince: UInt64? = nil, operation: Operation, silent: Bool = false,
                flags: [Flag], usesUIDs: Bool = false) {
        self.sequenceSet = sequenceSet
        self.unchangedSince = unchangedSince
        self.operation = operation
        self.silent = silent
        self.flags = flags
        self.usesUIDs = usesUIDs
    }
}

/// `COPY`, `MOVE` (RFC 6851) and their UID forms.
public struct CopyCommand: Hashable, Sendable {
    /// The messages to copy or move.
    public var sequenceSet: SequenceSet
    /// The destination.
    public var mailbox: EncodedMailboxName
    /// `UID COPY` / `UID MOVE`.
    public var usesUIDs: Bool

    /// A value with the given fields.
    public init(sequenceSet: SequenceSet, mailbox: EncodedMailboxName, usesUIDs: Bool = false) {
        self.sequenceSet = sequenceSet
        self.mailbox = mailbox
        self.usesUIDs = usesUIDs
    }
}
