/// One data item a FETCH asks for (RFC 9051 §6.4.5 and the extensions of issue 5).
/// The macros `ALL`, `FAST` and `FULL` are expanded when parsed.
public enum FetchAttribute: Hashable, Sendable {
    case envelope
    case flags
    case internalDate
    /// `RFC822.SIZE`.
    case rfc822Size
    /// `BODY`: the non-extensible BODYSTRUCTURE.
    case body
    /// `BODYSTRUCTURE`.
    case bodyStructure
    case uid
    /// `RFC822` (IMAP4rev1): like `BODY[]`, sets `\Seen`.
    case rfc822
    /// `RFC822.HEADER` (IMAP4rev1): like `BODY.PEEK[HEADER]`.
    case rfc822Header
    /// `RFC822.TEXT` (IMAP4rev1): like `BODY[TEXT]`, sets `\Seen`.
    case rfc822Text
    /// `BODY[section]<partial>`, or `BODY.PEEK[...]` when `peek` (which leaves `\Seen` alone).
    case bodySection(SectionSpecifier, partial: PartialRange?, peek: Bool)
    /// `BINARY[part]<partial>` or `BINARY.PEEK[...]` (RFC 3516): the part with its transfer
    /// encoding removed.
    case binary(part: [Int], partial: PartialRange?, peek: Bool)
    /// `BINARY.SIZE[part]` (RFC 3516).
    case binarySize(part: [Int])
    /// `MODSEQ` (RFC 7162).
    case modSeq
    /// `PREVIEW`, or `PREVIEW (LAZY)` (RFC 8970).
    case preview(lazy: Bool)
    /// `EMAILID` (RFC 8474).
    case emailID
    /// `THREADID` (RFC 8474).
    case threadID
    /// `SAVEDATE` (RFC 8514).
    case saveDate

    /// Whether fetching this item marks the message `\Seen` (RFC 9051 §6.4.5).
    public var setsSeen: Bool {
        switch self {
        case .rfc822, .rfc822Text: true
        case .bodySection(_, _, let peek), .binary(_, _, let peek): !peek
        default: false
        }
    }
}

/// `FETCH` and `UID FETCH`.
public struct FetchCommand: Hashable, Sendable {
    /// The messages.
    public var sequenceSet: SequenceSet
    /// The items, macros expanded, in the order asked.
    public var attributes: [FetchAttribute]
    /// `CHANGEDSINCE` (RFC 7162 §3.1.4): only messages whose mod-sequence is greater.
    public var changedSince: UInt64?
    /// `VANISHED` (RFC 7162 §3.2.6; `UID FETCH` with `CHANGEDSINCE` only).
    public var vanished: Bool
    /// `UID FETCH`: the set holds UIDs, and UID is returned with every message.
    public var usesUIDs: Bool

    /// A value with the given fields.
    public init(sequenceSet: SequenceSet, attributes: [FetchAttribute], changedSince: UInt64? = nil,
                vanished: Bool = false, usesUIDs: Bool = false) {
        self.sequenceSet = sequenceSet
        self.attributes = attributes
        self.changedSince = changedSince
        self.vanished = vanished
        self.usesUIDs = usesUIDs
    }
}
