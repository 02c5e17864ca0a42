/// How much of a message a computation reads, from the cheapest to the dearest: the
/// session loads no more than this (a FETCH of FLAGS must not read message content).
public enum MessageDataRequirement: Int, Hashable, Sendable, Comparable {
    /// The `MessageSummary` of the mailbox snapshot (UID, MODSEQ, flags, dates, size).
    case summary = 0
    /// The summary and the cached `MessageStructure` (`MessageStore.structure(of:in:)`).
    case structure = 1
    /// The summary, the structure and the octets of the message's own header, a prefix of
    /// the message (`MessageStore.headers(of:in:)`).
    case header = 2
    /// The summary, the structure and the message octets (`MessageStore.content(of:in:)`).
    case content = 3

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
