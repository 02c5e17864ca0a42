/// The NOTIFY parameter of RCPT (RFC 3461 §4.1): when to send a DSN for this recipient.
/// The empty set is `NOTIFY=NEVER`.
public struct SMTPNotifyConditions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// On successful delivery.
    public static let success = SMTPNotifyConditions(rawValue: 1)
    /// On failure.
    public static let failure = SMTPNotifyConditions(rawValue: 2)
    /// When delivery is delayed.
    public static let delay = SMTPNotifyConditions(rawValue: 4)
    /// `NEVER`: no DSN at all.
    public static let never: SMTPNotifyConditions = []
}

/// The ORCPT parameter of RCPT (RFC 3461 §4.2): the recipient as originally addressed,
/// returned in DSNs.
public struct SMTPOriginalRecipient: Sendable, Hashable {
    /// The address type, lower-cased: `rfc822`, or `utf-8` (RFC 6533).
    public var addressType: String
    /// The address, xtext-decoded.
    public var address: String

    /// Creates an original recipient.
    public init(addressType: String, address: String) {
        self.addressType = addressType
        self.address = address
    }
}

/// The ESMTP parameters of RCPT TO that Martlet understands. Absent parameters are `nil`.
public struct SMTPRecipientParameters: Sendable, Hashable {
    /// NOTIFY (RFC 3461 §4.1).
    public var notify: SMTPNotifyConditions?
    /// ORCPT (RFC 3461 §4.2).
    public var originalRecipient: SMTPOriginalRecipient?

    /// Creates parameters; all absent by default.
    public init(notify: SMTPNotifyConditions? = nil, originalRecipient: SMTPOriginalRecipient? = nil) {
        self.notify = notify
        self.originalRecipient = originalRecipient
    }

    /// Whether no parameter was given.
    public var isEmpty: Bool { notify == nil && originalRecipient == nil }
}
