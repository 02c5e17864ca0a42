import MailCore

/// One data item of a FETCH response (RFC 9051 §7.5.2 and the extensions of issue 5).
public enum FetchResponseItem: Equatable, Sendable {
    case uid(UInt32)
    case flags([Flag])
    case internalDate(MessageDate)
    /// `RFC822.SIZE`.
    case rfc822Size(Int)
    case envelope(Envelope)
    /// `BODY`: the structure without extension data.
    case body(MessageStructure)
    /// `BODYSTRUCTURE`: the structure with extension data.
    case bodyStructure(MessageStructure)
    /// `BODY[section]<origin>`; `origin` is the partial offset asked for; nil data is NIL.
    case bodySection(SectionSpecifier, origin: UInt64?, data: [UInt8]?)
    /// `BINARY[part]<origin>` (RFC 3516 §4.2; `origin` is the partial offset asked for):
    /// sent as literal8 when it holds NUL.
    case binary(part: [Int], origin: UInt64? = nil, data: [UInt8]?)
    /// `BINARY.SIZE[part]`.
    case binarySize(part: [Int], size: Int)
    /// `RFC822` (IMAP4rev1).
    case rfc822([UInt8]?)
    /// `RFC822.HEADER` (IMAP4rev1).
    case rfc822Header([UInt8]?)
    /// `RFC822.TEXT` (IMAP4rev1).
    case rfc822Text([UInt8]?)
    /// `MODSEQ (n)` (RFC 7162).
    case modSeq(UInt64)
    /// `PREVIEW` (RFC 8970): nil for NIL.
    case preview(String?)
    /// `EMAILID (id)` (RFC 8474).
    case emailID(String)
    /// `THREADID (id)` or `THREADID NIL`.
    case threadID(String?)
    /// `SAVEDATE` (RFC 8514): nil for NIL.
    case saveDate(MessageDate?)
}

/// A FETCH item whose content the caller streams after its literal announcement
/// (see ``ResponseWriter/beginStreamedFetchItem(_:size:binary:)``).
public enum StreamedFetchItem: Hashable, Sendable {
    /// `BODY[section]<origin>`.
    case bodySection(SectionSpecifier, origin: UInt64?)
    /// `BINARY[part]<origin>`.
    case binary(part: [Int], origin: UInt64? = nil)
    case rfc822
    case rfc822Header
    case rfc822Text
}
