/// How an outbound session uses STARTTLS (RFC 3207).
public enum SMTPClientTLSPolicy: Sendable, Hashable {
    /// Never issue STARTTLS (a retry after an opportunistic handshake failed, or a test).
    case disabled
    /// Use STARTTLS when the server offers it. A server that does not offer it, or refuses
    /// the command, gets the message in the clear; a failed handshake ends the connection
    /// with ``SMTPConnectionFailure/tlsHandshakeFailed(reason:mayRetryWithoutTLS:)`` set to
    /// allow a retry without TLS.
    case opportunistic
    /// TLS or nothing: a server that does not offer STARTTLS, refuses it, or fails the
    /// handshake ends the connection with a temporary failure.
    case required
}

/// The user name and password an outbound session authenticates with to a relay host
/// (RFC 4954 AUTH PLAIN, sent only over TLS).
public struct SMTPClientCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The authentication identity.
    public var username: String
    /// The password. Never printed by ``description``.
    public var password: String

    /// Creates credentials.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// The user name with the password hidden, for logs.
    public var description: String { "\(username) (password hidden)" }
}

/// Bounds on what a (possibly hostile) server may send the client. The defaults are the one
/// place these limits are set.
public struct SMTPClientLimits: Sendable, Hashable {
    /// Longest reply line, line ending included. RFC 5321 §4.5.3.1.5 sets 512 octets; real
    /// servers send longer texts, so the default allows more but stays bounded.
    public var maximumReplyLineLength: Int
    /// Most lines in one multi-line reply (an EHLO reply has a line per extension).
    public var maximumReplyLineCount: Int

    /// Creates limits; the defaults are 4096 octets and 128 lines.
    public init(maximumReplyLineLength: Int = 4096, maximumReplyLineCount: Int = 128) {
        self.maximumReplyLineLength = maximumReplyLineLength
        self.maximumReplyLineCount = maximumReplyLineCount
    }

    /// The defaults.
    public static let defaults = SMTPClientLimits()
}

/// Everything an outbound session is configured with.
public struct SMTPClientConfiguration: Sendable {
    /// The name sent with EHLO and HELO: this host's fully qualified domain name or an
    /// address literal (RFC 5321 §4.1.1.1).
    public var helloName: SMTPHelloName
    /// How STARTTLS is used.
    public var tlsPolicy: SMTPClientTLSPolicy
    /// Credentials for a relay host, if any. They are sent only with AUTH PLAIN and only over
    /// TLS; a server that does not allow that ends the connection with a failure.
    public var credentials: SMTPClientCredentials?
    /// Whether PIPELINING (RFC 2920) is used when the server offers it.
    public var usesPipelining: Bool
    /// Bounds on the server's replies.
    public var limits: SMTPClientLimits
    /// How long the glue waits in each phase (RFC 5321 §4.5.3.2).
    public var timeouts: SMTPClientTimeouts

    /// Creates a configuration.
    public init(
        helloName: SMTPHelloName, tlsPolicy: SMTPClientTLSPolicy = .opportunistic,
        credentials: SMTPClientCredentials? = nil, usesPipelining: Bool = true,
        limits: SMTPClientLimits = .defaults, timeouts: SMTPClientTimeouts = .defaults
    ) {
        self.helloName = helloName
        self.tlsPolicy = tlsPolicy
        self.credentials = credentials
        self.usesPipelining = usesPipelining
        self.limits = limits
        self.timeouts = timeouts
    }
}
