import MailCore

/// Every bound a POP3 session puts on its client, in one place. The defaults come from the
/// server-wide ``MailCore/Limits`` where it has the value, so the configuration file sets them.
public struct POP3Limits: Sendable, Equatable {
    /// Longest command line, CRLF included (RFC 2449 §4: 255 octets). A longer line gets
    /// `-ERR` and counts as a bad command; its bytes are dropped as they arrive.
    public var maximumCommandLineLength: Int
    /// Longest line of an AUTH exchange after the command, CRLF included. SASL responses may
    /// be longer than commands (RFC 5034 §4 does not bound them by the 255 octets).
    public var maximumAuthenticationLineLength: Int
    /// Most refused commands (unknown, malformed, out of state, too long) before the session
    /// closes the connection.
    public var maximumBadCommands: Int
    /// Most failed logins (USER/PASS, APOP, AUTH) before the session closes the connection.
    public var maximumAuthenticationFailures: Int
    /// Most commands before a successful login; the next one closes the connection.
    public var maximumCommandsBeforeLogin: Int
    /// Most bytes held unread while the session waits for the glue; a client that pipelines
    /// more is disconnected. The glue stops reading while the session waits, so only a
    /// misbehaving client comes near it. Never less than the line length in effect.
    public var maximumBufferedInput: Int

    /// Creates limits; the defaults follow ``MailCore/Limits/defaults``.
    public init(
        maximumCommandLineLength: Int = Limits.defaults.maxPOP3CommandLineLength,
        maximumAuthenticationLineLength: Int = 12_288,
        maximumBadCommands: Int = Limits.defaults.maxBadCommands,
        maximumAuthenticationFailures: Int = Limits.defaults.maxAuthenticationAttempts,
        maximumCommandsBeforeLogin: Int = Limits.defaults.maxCommandsBeforeLogin,
        maximumBufferedInput: Int = 65_536
    ) {
        self.maximumCommandLineLength = maximumCommandLineLength
        self.maximumAuthenticationLineLength = maximumAuthenticationLineLength
        self.maximumBadCommands = maximumBadCommands
        self.maximumAuthenticationFailures = maximumAuthenticationFailures
        self.maximumCommandsBeforeLogin = maximumCommandsBeforeLogin
        self.maximumBufferedInput = maximumBufferedInput
    }

    /// The POP3 limits of a server-wide configuration.
    public init(_ limits: Limits) {
        self.init(
            maximumCommandLineLength: limits.maxPOP3CommandLineLength,
            maximumBadCommands: limits.maxBadCommands,
            maximumAuthenticationFailures: limits.maxAuthenticationAttempts,
            maximumCommandsBeforeLogin: limits.maxCommandsBeforeLogin)
    }

    /// The defaults.
    public static let defaults = POP3Limits()
}
