/// The outcome of a DMARC evaluation, in the words of RFC 8601 §2.7.1 and RFC 7489 §11.2.
public enum DMARCResult: String, Sendable, Hashable, CaseIterable {
    /// The author domain publishes no DMARC record.
    case none
    /// SPF or DKIM passed with an identifier aligned to the author domain.
    case pass
    /// Neither SPF nor DKIM produced an aligned pass.
    case fail
    /// A transient error, usually DNS, prevented evaluation.
    case temperror
    /// The DMARC record is broken, or the message has no usable author domain.
    case permerror
}
