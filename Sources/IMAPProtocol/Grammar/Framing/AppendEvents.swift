import MailCore

/// The start of an APPEND: its tag and destination.
public struct AppendStart: Hashable, Sendable {
    /// The APPEND command's tag.
    public var tag: String
    /// The destination, still encoded.
    public var mailbox: EncodedMailboxName

    /// A value with the given fields.
    public init(tag: String, mailbox: EncodedMailboxName) {
        self.tag = tag
        self.mailbox = mailbox
    }
}

/// One message of an APPEND (RFC 9051 §6.3.12, MULTIAPPEND RFC 3502, BINARY RFC 3516).
public struct AppendMessage: Hashable, Sendable {
    /// The flags to set; empty when none were given.
    public var flags: [Flag]
    /// The internal date to give the message; nil for "now".
    public var internalDate: MessageDate?
    /// The size in octets announced by the literal.
    public var size: Int
    /// Whether the data came as `literal8` (`~{n}`, RFC 3516 §4.4): it may hold NUL and
    /// binary parts, which the server must accept or refuse with `NO [UNKNOWN-CTE]`.
    public var isBinary: Bool
    /// 0 for the first message of the command, 1 for the next (MULTIAPPEND)...
    public var index: Int

    /// A value with the given fields.
    public init(flags: [Flag] = [], internalDate: MessageDate? = nil, size: Int, isBinary: Bool = false, index: Int = 0) {
        self.flags = flags
        self.internalDate = internalDate
        self.size = size
        self.isBinary = isBinary
        self.index = index
    }
}

/// A client's line during an AUTHENTICATE exchange (RFC 9051 §6.2.2).
public enum AuthenticationResponse: Hashable, Sendable {
    /// The decoded base64 response (empty for an empty line).
    case data([UInt8])
    /// `*`: the client cancels the exchange (answer `BAD`).
    case cancelled
}
