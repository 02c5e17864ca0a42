/// Untagged server data (RFC 9051 §7.2-7.5 and the extensions of issue 5). Mailbox names
/// are given as UTF-8 text (`MailboxName.rawValue`); the writer encodes them as the
/// session's mode requires.
public enum ResponseData: Equatable, Sendable {
    /// `* CAPABILITY ...`
    case capability([String])
    /// `* ENABLED ...` (RFC 5161).
    case enabled([String])
    /// `* LIST (...) "/" name [extended data]`.
    case list(ListResponse)
    /// `* LSUB (...) "/" name`.
    case lsub(ListResponse)
    /// `* STATUS name (...)`.
    case status(mailbox: String, items: [StatusItem])
    /// `* FLAGS (...)`.
    case flags([Flag])
    /// `* n EXISTS`.
    case exists(UInt32)
    /// `* n RECENT` (IMAP4rev1).
    case recent(UInt32)
    /// `* n EXPUNGE`.
    case expunge(UInt32)
    /// `* VANISHED [(EARLIER)] uids` (RFC 7162 §3.2.10).
    case vanished(earlier: Bool, uids: SequenceSet)
    /// `* SEARCH n...` with `(MODSEQ m)` when CONDSTORE asked (RFC 7162 §3.1.5).
    case search([UInt32], highestModSeq: UInt64?)
    /// `* ESEARCH ...` (RFC 4731).
    case extendedSearch(ExtendedSearchResponse)
    /// `* SORT n...` (RFC 5256), with `(MODSEQ m)` under CONDSTORE.
    case sort([UInt32], highestModSeq: UInt64?)
    /// `* THREAD (...)...` (RFC 5256).
    case thread([ThreadNode])
    /// `* NAMESPACE personal other shared` (RFC 2342, RFC 9051 §7.3.3).
    case namespace(NamespaceResponse)
    /// `* QUOTA root (resource usage limit ...)` (RFC 9208 §5.1).
    case quota(root: String, resources: [QuotaUsage])
    /// `* QUOTAROOT mailbox root...` (RFC 9208 §5.2).
    case quotaRoot(mailbox: String, roots: [String])
    /// `* ACL mailbox identifier rights ...` (RFC 4314 §3.6).
    case acl(mailbox: String, entries: [ACLEntry])
    /// `* LISTRIGHTS mailbox identifier required optional...` (RFC 4314 §3.7).
    case listRights(mailbox: String, identifier: String, required: String, optional: [String])
    /// `* MYRIGHTS mailbox rights` (RFC 4314 §3.8).
    case myRights(mailbox: String, rights: String)
    /// `* ID (...)` or `* ID NIL` (RFC 2971).
    case id([IDParameter]?)
    /// `* n FETCH (...)` with every item in memory (large sections can be streamed instead
    /// with ``ResponseWriter/beginFetch(sequenceNumber:)``).
    case fetch(sequenceNumber: UInt32, items: [FetchResponseItem])
}
