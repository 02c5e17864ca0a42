import MailCore
import MailStore

/// One message as a FETCH renders it: the summary always, the structure and the octets
/// when the plan's ``FetchPlan/requirement`` asks for them.
public struct FetchMessage: Sendable {
    /// UID, MODSEQ, flags (as they are after any implicit `\Seen`), dates and size.
    public var summary: MessageSummary
    /// The cached structure; needed from ``MessageDataRequirement/structure`` on.
    public var structure: MessageStructure?
    /// The message octets, needed for ``MessageDataRequirement/content``; with
    /// ``MessageDataRequirement/header``, only the header's (a prefix of the message).
    public var bytes: [UInt8]?
    /// Whether the session counts the message as `\Recent` (IMAP4rev1 only).
    public var isRecent: Bool
    /// The EMAILID of RFC 8474, when the store offers one.
    public var emailID: String?
    /// The THREADID of RFC 8474, when the store offers one.
    public var threadID: String?

    /// A message with the data the session loaded.
    public init(summary: MessageSummary, structure: MessageStructure? = nil, bytes: [UInt8]? = nil,
                isRecent: Bool = false, emailID: String? = nil, threadID: String? = nil) {
        self.summary = summary
        self.structure = structure
        self.bytes = bytes
        self.isRecent = isRecent
        self.emailID = emailID
        self.threadID = threadID
    }

    /// A message whose content was read from the store.
    public init(content: MessageContent, isRecent: Bool = false) {
        self.init(summary: content.summary, structure: content.structure, bytes: content.bytes, isRecent: isRecent)
    }
}
