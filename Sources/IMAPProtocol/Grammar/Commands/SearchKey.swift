/// One search criterion (RFC 9051 §6.4.4, with `NEW`/`OLD`/`RECENT` of RFC 3501,
/// `MODSEQ` of RFC 7162, `OLDER`/`YOUNGER` of RFC 5032, the `SAVEDATE` keys of RFC 8514 and
/// `EMAILID`/`THREADID` of RFC 8474). String arguments are already converted from the
/// command's CHARSET.
public indirect enum SearchKey: Hashable, Sendable {
    case all
    case answered, deleted, draft, flagged, seen
    case unanswered, undeleted, undraft, unflagged, unseen
    /// `NEW`, `OLD`, `RECENT` (IMAP4rev1).
    case new, old, recent
    case keyword(String)
    case unkeyword(String)
    case bcc(String), cc(String), from(String), to(String), subject(String)
    case body(String)
    case text(String)
    /// `HEADER field-name string`.
    case header(String, String)
    /// Internal date comparisons, disregarding time and zone.
    case before(SearchDate), on(SearchDate), since(SearchDate)
    /// Date header comparisons.
    case sentBefore(SearchDate), sentOn(SearchDate), sentSince(SearchDate)
    /// `SAVEDBEFORE`, `SAVEDON`, `SAVEDSINCE` (RFC 8514).
    case savedBefore(SearchDate), savedOn(SearchDate), savedSince(SearchDate)
    /// `SAVEDATESUPPORTED` (RFC 8514).
    case saveDateSupported
    /// RFC822.SIZE comparisons.
    case larger(UInt64), smaller(UInt64)
    /// `OLDER n`, `YOUNGER n`: internal date at least / at most n seconds ago (RFC 5032).
    case older(UInt32), younger(UInt32)
    /// `MODSEQ [entry] n`: mod-sequence at least n (RFC 7162 §3.1.5).
    case modSeq(SearchModSeq)
    /// `EMAILID id`, `THREADID id` (RFC 8474).
    case emailID(String), threadID(String)
    /// `UID set`.
    case uid(SequenceSet)
    /// A bare sequence set of message numbers.
    case sequenceSet(SequenceSet)
    case not(SearchKey)
    case or(SearchKey, SearchKey)
    /// A parenthesized list or the top-level list: every key must match.
    case and([SearchKey])
}

/// The argument of `MODSEQ` in SEARCH (RFC 7162 §3.1.5).
public struct SearchModSeq: Hashable, Sendable {
    /// Which metadata item the value refers to.
    public enum EntryType: String, Hashable, Sendable {
        case priv = "PRIV", shared = "SHARED", all = "ALL"
    }

    /// The `"/flags/..."` entry name, if given.
    public var entryName: String?
    /// The entry type, given with the entry name.
    public var entryType: EntryType?
    /// The smallest mod-sequence that matches.
    public var value: UInt64

    /// A value with the given fields.
    public init(entryName: String? = nil, entryType: EntryType? = nil, value: UInt64) {
        self.entryName = entryName
        self.entryType = entryType
        self.value = value
    }
}
