/// A response code: the bracketed text of a status response (RFC 9051 §7.1 and the
/// extensions of issue 5).
public enum ResponseCode: Hashable, Sendable {
    case alert
    case alreadyExists
    /// `APPENDUID uidvalidity uid-set` (RFC 4315 §3).
    case appendUID(uidValidity: UInt32, uids: SequenceSet)
    case authenticationFailed
    case authorizationFailed
    /// `BADCHARSET (charset ...)`.
    case badCharset([String])
    case cannot
    /// `CAPABILITY cap ...`.
    case capability([String])
    case clientBug
    /// `CLOSED` (RFC 7162 §3.2.11).
    case closed
    /// `COMPRESSIONACTIVE` (RFC 4978 §5).
    case compressionActive
    case contactAdmin
    /// `COPYUID uidvalidity source-set destination-set` (RFC 4315 §3).
    case copyUID(uidValidity: UInt32, source: SequenceSet, destination: SequenceSet)
    case corruption
    case expired
    case expungeIssued
    case hasChildren
    /// `HIGHESTMODSEQ n` (RFC 7162 §3.1.1).
    case highestModSeq(UInt64)
    case inUse
    case limit
    /// `MAILBOXID (id)` (RFC 8474 §4.1).
    case mailboxID(String)
    /// `MODIFIED set` (RFC 7162 §3.1.3).
    case modified(SequenceSet)
    /// `NOMODSEQ` (RFC 7162 §3.1.2).
    case noModSeq
    case noPerm
    case nonexistent
    /// `NOTSAVED` (RFC 5182 §2.4).
    case notSaved
    case overQuota
    case parse
    /// `PERMANENTFLAGS (...)`; `allowsNewKeywords` adds `\*`.
    case permanentFlags([Flag], allowsNewKeywords: Bool)
    case privacyRequired
    case readOnly
    case readWrite
    case serverBug
    /// `TOOBIG` (RFC 4469 §5, RFC 7888 §4).
    case tooBig
    case tryCreate
    case uidNext(UInt32)
    case uidNotSticky
    case uidValidity(UInt32)
    case unavailable
    case unknownCTE
    /// `UNSEEN n` (IMAP4rev1 SELECT).
    case unseen(UInt32)
    /// `USEATTR` (RFC 6154 §6).
    case useAttribute
    /// Any other code: an atom and optional text.
    case other(String, String?)
}
