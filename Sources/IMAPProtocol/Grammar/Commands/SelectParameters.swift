/// The parameters of SELECT and EXAMINE (RFC 7162 §3.1.8 CONDSTORE, §3.2.5 QRESYNC).
public struct SelectParameters: Hashable, Sendable {
    /// `CONDSTORE`: enable CONDSTORE and report HIGHESTMODSEQ.
    public var condStore: Bool
    /// `QRESYNC (...)`: quick resynchronization data.
    public var qresync: QResyncParameters?

    /// A value with the given fields.
    public init(condStore: Bool = false, qresync: QResyncParameters? = nil) {
        self.condStore = condStore
        self.qresync = qresync
    }

    /// No parameters.
    public static let none = SelectParameters()
}

/// `QRESYNC (uidvalidity modseq [known-uids] [(known-sequence-set known-uid-set)])`
/// (RFC 7162 §3.2.5.1).
public struct QResyncParameters: Hashable, Sendable {
    /// The UIDVALIDITY the client last knew.
    public var uidValidity: UInt32
    /// The last mod-sequence the client knew.
    public var modSeq: UInt64
    /// The UIDs the client knows (no `*`).
    public var knownUIDs: SequenceSet?
    /// Message sequence numbers and the UIDs they had, for the server to find what vanished.
    public var sequenceMatch: SequenceMatch?

    /// A value with the given fields.
    public init(uidValidity: UInt32, modSeq: UInt64, knownUIDs: SequenceSet? = nil, sequenceMatch: SequenceMatch? = nil) {
        self.uidValidity = uidValidity
        self.modSeq = modSeq
        self.knownUIDs = knownUIDs
        self.sequenceMatch = sequenceMatch
    }
}

/// `(known-sequence-set known-uid-set)` of QRESYNC (RFC 7162 §3.2.5.2).
public struct SequenceMatch: Hashable, Sendable {
    /// Message sequence numbers the client knows.
    public var sequenceNumbers: SequenceSet
    /// The UIDs those messages had, in the same order.
    public var uids: SequenceSet

    /// A value with the given fields.
    public init(sequenceNumbers: SequenceSet, uids: SequenceSet) {
        self.sequenceNumbers = sequenceNumbers
        self.uids = uids
    }
}
