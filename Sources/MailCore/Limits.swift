/// Every limit the server puts on what a peer may send or hold, with its default, in one
/// place. The `[limits]` table of the configuration file sets them by the snake_case
/// names in ``Limits/fields`` (e.g. `max_message_size = 52428800`).
///
/// Sizes are in bytes (octets) and include the line's CRLF where a line is measured;
/// times are in seconds.
public struct Limits: Sendable, Equatable {
    // MARK: SMTP

    /// Longest SMTP command line. RFC 5321 §4.5.3.1.4: 512 octets including CRLF.
    public var maxSMTPCommandLineLength = 512
    /// Longest line of message text in DATA. RFC 5321 §4.5.3.1.6 sets 1000 octets including
    /// CRLF, but real senders exceed it (long HTML lines), and refusing their mail loses it;
    /// lines up to this length are accepted, longer ones are refused.
    public var maxSMTPTextLineLength = 8192
    /// Largest message accepted, in octets (advertised as SMTP `SIZE`, RFC 1870; also bounds
    /// IMAP `APPEND`).
    public var maxMessageSize = 52_428_800
    /// Most recipients of one message. RFC 5321 §4.5.3.1.8: at least 100 must be accepted.
    public var maxRecipientsPerMessage = 100

    // MARK: Message structure

    /// Deepest nesting of MIME multiparts parsed as structure; deeper parts are kept as
    /// opaque bodies.
    public var maxMIMEDepth = 50
    /// Most header fields parsed from one message header; further fields are kept as raw
    /// text but not interpreted.
    public var maxHeaderFieldCount = 1000
    /// Largest header section of a message, in octets.
    public var maxHeaderSectionSize = 1_048_576

    // MARK: IMAP

    /// Longest IMAP command line, literals excluded. RFC 7162 §4 asks servers to accept at
    /// least 8192 octets.
    public var maxIMAPLineLength = 65_536
    /// Largest IMAP literal outside `APPEND` (in `SEARCH`, `LOGIN`...); `APPEND` literals are
    /// bounded by ``maxMessageSize``.
    public var maxIMAPLiteralSize = 65_536

    // MARK: POP3

    /// Longest POP3 command line. RFC 2449 §4: 255 octets including CRLF.
    public var maxPOP3CommandLineLength = 255

    // MARK: Connections and sessions

    /// Most simultaneous connections in all.
    public var maxConnections = 4096
    /// Most simultaneous connections from one IP address.
    public var maxConnectionsPerAddress = 20
    /// Most commands a client may send before it authenticates.
    public var maxCommandsBeforeLogin = 25
    /// Most rejected (unknown or malformed) commands before the server disconnects.
    public var maxBadCommands = 20
    /// Most failed authentication attempts on one connection before it is closed.
    public var maxAuthenticationAttempts = 3
    /// Most octets of output a connection may have waiting to be sent to a client that does
    /// not read them; past it the connection is closed. Above the largest message, which a
    /// single FETCH or RETR answer may carry.
    public var maxUnsentBytes = 67_108_864

    // MARK: Slow and erring clients

    /// Errors (bad commands, failed logins) a session makes before its answers are delayed.
    public var tarpitFreeErrors = 2
    /// The delay added per error past ``tarpitFreeErrors``, in milliseconds.
    public var tarpitStepMilliseconds = 500
    /// The longest delay of one answer, in milliseconds.
    public var tarpitMaximumMilliseconds = 5000

    // MARK: Timeouts (seconds)

    /// Idle time after which an SMTP session is closed. RFC 5321 §4.5.3.2.7: 5 minutes.
    public var smtpIdleTimeoutSeconds = 300
    /// How long the server on port 25 waits before its greeting. A client that talks before
    /// the banner does not wait for it as RFC 5321 §4.3.1 requires: a spam-bot signature,
    /// answered with 554 and a close. 0 turns the wait (not the check) off.
    public var smtpGreetingDelayMilliseconds = 1000
    /// Time a client has after the greeting to send its first command (SMTP) or, on IMAP and
    /// POP3, to log in; a connection held open without a word is closed after it.
    public var greetingTimeoutSeconds = 60
    /// Time allowed between two chunks of message data in SMTP DATA or BDAT (RFC 5321
    /// §4.5.3.2.6 gives the client 3 minutes per data block).
    public var smtpDataTimeoutSeconds = 180
    /// Idle time after which an IMAP session is closed. RFC 9051 §5.4: at least 30 minutes.
    public var imapIdleTimeoutSeconds = 1800
    /// Idle time after which a POP3 session is closed. RFC 1939 §3: at least 10 minutes.
    public var pop3IdleTimeoutSeconds = 600
    /// Time allowed for a TLS handshake to complete.
    public var tlsHandshakeTimeoutSeconds = 30
    /// How long the outbound queue keeps trying a message before it bounces it
    /// (RFC 5321 §4.5.4.1: at least 4–5 days). Default 5 days.
    public var queueLifetimeSeconds = 5 * 24 * 3600

    /// The defaults.
    public init() {}

    /// The defaults (a name for call sites that read better with one).
    public static let defaults = Limits()
}

extension Limits {
    /// One configurable limit: its configuration key, where it is stored, and its floor.
    public struct Field: Sendable {
        /// The snake_case key in the `[limits]` table.
        public let key: String
        /// The property holding the value.
        public let keyPath: WritableKeyPath<Limits, Int> & Sendable
        /// The smallest value that keeps the protocol usable (often an RFC minimum).
        public let minimum: Int
    }

    /// Every limit, in declaration order. The configuration loader and `Codable` use this
    /// list, so a limit added above and here is configurable everywhere.
    public static let fields: [Field] = [
        Field(key: "max_smtp_command_line_length", keyPath: \.maxSMTPCommandLineLength, minimum: 512),
        Field(key: "max_smtp_text_line_length", keyPath: \.maxSMTPTextLineLength, minimum: 1000),
        Field(key: "max_message_size", keyPath: \.maxMessageSize, minimum: 1024),
        Field(key: "max_recipients_per_message", keyPath: \.maxRecipientsPerMessage, minimum: 1),
        Field(key: "max_mime_depth", keyPath: \.maxMIMEDepth, minimum: 1),
        Field(key: "max_header_field_count", keyPath: \.maxHeaderFieldCount, minimum: 1),
        Field(key: "max_header_section_size", keyPath: \.maxHeaderSectionSize, minimum: 1000),
        Field(key: "max_imap_line_length", keyPath: \.maxIMAPLineLength, minimum: 1000),
        Field(key: "max_imap_literal_size", keyPath: \.maxIMAPLiteralSize, minimum: 1000),
        Field(key: "max_pop3_command_line_length", keyPath: \.maxPOP3CommandLineLength, minimum: 255),
        Field(key: "max_connections", keyPath: \.maxConnections, minimum: 1),
        Field(key: "max_connections_per_address", keyPath: \.maxConnectionsPerAddress, minimum: 1),
        Field(key: "max_commands_before_login", keyPath: \.maxCommandsBeforeLogin, minimum: 1),
        Field(key: "max_bad_commands", keyPath: \.maxBadCommands, minimum: 1),
        Field(key: "max_authentication_attempts", keyPath: \.maxAuthenticationAttempts, minimum: 1),
        Field(key: "max_unsent_bytes", keyPath: \.maxUnsentBytes, minimum: 1_048_576),
        Field(key: "tarpit_free_errors", keyPath: \.tarpitFreeErrors, minimum: 0),
        Field(key: "tarpit_step_milliseconds", keyPath: \.tarpitStepMilliseconds, minimum: 0),
        Field(key: "tarpit_maximum_milliseconds", keyPath: \.tarpitMaximumMilliseconds, minimum: 0),
        Field(key: "smtp_idle_timeout_seconds", keyPath: \.smtpIdleTimeoutSeconds, minimum: 1),
        Field(key: "smtp_greeting_delay_milliseconds", keyPath: \.smtpGreetingDelayMilliseconds, minimum: 0),
        Field(key: "greeting_timeout_seconds", keyPath: \.greetingTimeoutSeconds, minimum: 1),
        Field(key: "smtp_data_timeout_seconds", keyPath: \.smtpDataTimeoutSeconds, minimum: 1),
        Field(key: "imap_idle_timeout_seconds", keyPath: \.imapIdleTimeoutSeconds, minimum: 1),
        Field(key: "pop3_idle_timeout_seconds", keyPath: \.pop3IdleTimeoutSeconds, minimum: 1),
        Field(key: "tls_handshake_timeout_seconds", keyPath: \.tlsHandshakeTimeoutSeconds, minimum: 1),
        Field(key: "queue_lifetime_seconds", keyPath: \.queueLifetimeSeconds, minimum: 60),
    ]

    /// The field configured by `key`, or `nil` if there is no such limit.
    public static func field(forKey key: String) -> Field? {
        fields.first { $0.key == key }
    }
}

extension Limits: Codable {
    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes the snake_case keys of ``fields``; absent keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: Key.self)
        for field in Self.fields {
            if let value = try container.decodeIfPresent(Int.self, forKey: Key(stringValue: field.key)) {
                self[keyPath: field.keyPath] = value
            }
        }
    }

    /// Encodes every limit under its snake_case key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for field in Self.fields {
            try container.encode(self[keyPath: field.keyPath], forKey: Key(stringValue: field.key))
        }
    }
}
