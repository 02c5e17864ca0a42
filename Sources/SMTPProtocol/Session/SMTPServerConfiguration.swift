import MailCore
import SASL

/// Everything a server session is configured with; one value per listener, shared by its
/// sessions.
public struct SMTPServerConfiguration: Sendable {
    /// The server's name in the greeting, the EHLO reply and closing replies.
    public var hostname: String
    /// TLS, authentication and extension rules of the listener.
    public var policy: SMTPServerPolicy
    /// Line lengths, message size, recipients, bad commands, authentication attempts,
    /// commands before login.
    public var limits: Limits
    /// The SASL mechanisms offered. Give every session of a server the same registry (its
    /// decoy-salt key must stay stable, or SCRAM would reveal which users exist).
    public var mechanisms: SASLMechanismRegistry
    /// Longest AUTH response line, CRLF included. RFC 4954 §4 considers 12288 octets enough.
    public var maximumAuthenticationLineLength: Int
    /// Most bytes held unframed while the session waits for an answer from the glue; a client
    /// that pipelines more is disconnected with 421. The glue should stop reading while
    /// ``SMTPServerSession/awaiting`` is set, so only a misbehaving client comes near it.
    /// Never less than ``maximumAuthenticationLineLength`` in effect.
    public var maximumBufferedInput: Int
    /// The current time, read when a message begins (for its `Received:` header).
    public var now: @Sendable () -> MessageDate

    /// Creates a configuration.
    public init(
        hostname: String, policy: SMTPServerPolicy, limits: Limits = .defaults,
        mechanisms: SASLMechanismRegistry, maximumAuthenticationLineLength: Int = 12_288,
        maximumBufferedInput: Int = 1_048_576, now: @escaping @Sendable () -> MessageDate
    ) {
        self.hostname = hostname
        self.policy = policy
        self.limits = limits
        self.mechanisms = mechanisms
        self.maximumAuthenticationLineLength = maximumAuthenticationLineLength
        self.maximumBufferedInput = maximumBufferedInput
        self.now = now
    }
}
