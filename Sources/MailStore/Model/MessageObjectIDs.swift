/// The object identifiers of one message (RFC 8474 §5): immutable, the same for every copy
/// of the message in the account's mailboxes.
public struct MessageObjectIDs: Hashable, Sendable {
    /// The EMAILID: names the message's content.
    public let emailID: String
    /// The THREADID: the same for the messages of one conversation.
    public let threadID: String

    /// Identifiers with the given values.
    public init(emailID: String, threadID: String) {
        self.emailID = emailID
        self.threadID = threadID
    }
}
