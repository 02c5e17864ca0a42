/// A STATUS data item (RFC 9051 §6.3.11; `RECENT` of RFC 3501, `HIGHESTMODSEQ` of RFC 7162,
/// `APPENDLIMIT` of RFC 7889, `MAILBOXID` of RFC 8474, `DELETED-STORAGE` of RFC 9208).
public enum StatusAttribute: String, Hashable, Sendable, CaseIterable {
    case messages = "MESSAGES"
    case uidNext = "UIDNEXT"
    case uidValidity = "UIDVALIDITY"
    case unseen = "UNSEEN"
    case deleted = "DELETED"
    case size = "SIZE"
    case recent = "RECENT"
    case highestModSeq = "HIGHESTMODSEQ"
    case appendLimit = "APPENDLIMIT"
    case mailboxID = "MAILBOXID"
    case deletedStorage = "DELETED-STORAGE"
}
