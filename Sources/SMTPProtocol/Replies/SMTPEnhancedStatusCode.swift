/// An enhanced mail system status code (RFC 3463 §2): `class.subject.detail`, such as
/// `5.1.1` for "bad destination mailbox address".
///
/// Martlet advertises ENHANCEDSTATUSCODES (RFC 2034) on every listener, so every 2xx, 4xx and
/// 5xx reply carries one, except the greeting and the replies to HELO and EHLO (RFC 2034 §4).
public struct SMTPEnhancedStatusCode: Sendable, Hashable, CustomStringConvertible {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public let statusClass: Int
    /// The subject: 0 other, 1 addressing, 2 mailbox, 3 mail system, 4 network and routing,
    /// 5 mail delivery protocol, 6 message content or media, 7 security or policy.
    public let subject: Int
    /// The detail within the subject.
    public let detail: Int

    /// Creates a code such as `SMTPEnhancedStatusCode(5, 1, 1)` for `5.1.1`.
    public init(_ statusClass: Int, _ subject: Int, _ detail: Int) {
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// The dotted text, e.g. `5.1.1`.
    public var description: String { "\(statusClass).\(subject).\(detail)" }
}
