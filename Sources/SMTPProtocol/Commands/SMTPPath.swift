import MailCore

/// The argument of `MAIL FROM:` (RFC 5321 §4.1.2 `Reverse-path`): a mailbox, or the null path
/// `<>` used by bounces and other notifications.
public enum SMTPReversePath: Sendable, Hashable, CustomStringConvertible {
    /// `<>`: no address to send notifications to.
    case null
    /// A mailbox. Any source route the client sent was accepted and dropped (§4.1.1.3).
    case mailbox(EmailAddress)

    /// The mailbox, or `nil` for the null path.
    public var address: EmailAddress? {
        if case .mailbox(let address) = self { return address }
        return nil
    }

    /// The path as written in SMTP, e.g. `<user@example.org>` or `<>`.
    public var description: String { address.map { "<\($0)>" } ?? "<>" }
}

/// The argument of `RCPT TO:` (RFC 5321 §4.1.2 `Forward-path`): a mailbox, or the bare
/// `<Postmaster>` that every server must accept for its own postmaster (§4.5.1).
public enum SMTPForwardPath: Sendable, Hashable, CustomStringConvertible {
    /// `<Postmaster>` without a domain: the postmaster of this server.
    case postmaster
    /// A mailbox. Any source route the client sent was accepted and dropped (§4.1.1.3).
    case mailbox(EmailAddress)

    /// The mailbox, or `nil` for the bare postmaster.
    public var address: EmailAddress? {
        if case .mailbox(let address) = self { return address }
        return nil
    }

    /// The path as written in SMTP, e.g. `<user@example.org>` or `<Postmaster>`.
    public var description: String { address.map { "<\($0)>" } ?? "<Postmaster>" }
}
