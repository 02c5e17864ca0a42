/// What the parser learned from one message.
public struct ParsedMessage: Sendable {
    /// Everything IMAP needs later without re-parsing; the store caches it (`encoded()`).
    public var structure: MessageStructure
    /// The text the store puts into its full-text index.
    public var searchText: SearchableText
    /// What was wrong with the input, in the order found (bounded by the limits).
    public var defects: [ParseDefect]
    /// The top-level header fields.
    public var header: MessageHeader
    /// The parsed Date field; nil when absent or unreadable.
    public var date: MessageDate?
    /// The Message-ID without angle brackets.
    public var messageID: String?
    /// The identifiers of In-Reply-To, without angle brackets.
    public var inReplyTo: [String]
    /// The identifiers of References, without angle brackets.
    public var references: [String]
    /// The From, To, Cc and Bcc address lists, as parsed (for Sieve, replies, threading).
    public var from: [AddressListEntry]
    public var to: [AddressListEntry]
    public var cc: [AddressListEntry]
    public var bcc: [AddressListEntry]
}
