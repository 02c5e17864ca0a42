/// An ESEARCH response (RFC 4731 §3.1; MODSEQ from RFC 7162 §3.1.5).
public struct ExtendedSearchResponse: Hashable, Sendable {
    /// The tag of the command it answers.
    public var tag: String?
    /// Whether the numbers are UIDs.
    public var usesUIDs: Bool
    /// `MIN`: the lowest matching number.
    public var min: UInt32?
    /// `MAX`: the highest matching number.
    public var max: UInt32?
    /// `ALL`: every matching number.
    public var all: SequenceSet?
    /// `COUNT`: how many matched.
    public var count: UInt32?
    /// `MODSEQ`: the highest mod-sequence of the matches (CONDSTORE).
    public var highestModSeq: UInt64?

    /// A value with the given fields.
    public init(tag: String?, usesUIDs: Bool = false, min: UInt32? = nil, max: UInt32? = nil, all: SequenceSet? = nil,
                count: UInt32? = nil, highestModSeq: UInt64? = nil) {
        self.tag = tag
        self.usesUIDs = usesUIDs
        self.min = min
        self.max = max
        self.all = all
        self.count = count
        self.highestModSeq = highestModSeq
    }
}

/// A node of a THREAD response (RFC 5256 §4): a message and the threads below it. A node
/// without a number stands for a missing parent whose children are siblings.
public struct ThreadNode: Hashable, Sendable {
    /// The message (sequence number or UID); nil for a missing parent.
    public var messageNumber: UInt32?
    /// Its replies, in order.
    public var children: [ThreadNode]

    /// A value with the given fields.
    public init(_ messageNumber: UInt32?, children: [ThreadNode] = []) {
        self.messageNumber = messageNumber
        self.children = children
    }
}
