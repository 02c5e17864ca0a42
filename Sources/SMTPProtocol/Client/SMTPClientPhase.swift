/// What an outbound session is waiting for, so that the glue can arm the right timer
/// (RFC 5321 §4.5.3.2) and logs can say where a connection failed.
public enum SMTPClientPhase: String, Sendable, Hashable, CustomStringConvertible {
    /// The server's opening 220.
    case greeting
    /// The reply to EHLO or HELO.
    case hello
    /// The reply to STARTTLS.
    case startTLS
    /// The glue's TLS handshake (``SMTPClientSession/tlsEstablished()``).
    case tlsHandshake
    /// The reply to AUTH.
    case authentication
    /// Nothing to send: the session waits for ``SMTPClientSession/enqueue(_:)`` or
    /// ``SMTPClientSession/quit()``.
    case idle
    /// The reply to RSET.
    case reset
    /// The reply to MAIL (with PIPELINING, the first reply of the group).
    case mail
    /// The reply to a RCPT.
    case recipient
    /// The 354 to DATA.
    case dataInitiation
    /// Sending the content: the session waits for the glue's next chunk.
    case dataBlock
    /// The reply to the final `.` of the content.
    case dataTermination
    /// The reply to QUIT.
    case quit
    /// The session is over.
    case closed

    /// The phase's name, e.g. `dataTermination`.
    public var description: String { rawValue }
}

/// How long, in seconds, the glue waits for the server in each phase. The defaults are the
/// minimums of RFC 5321 §4.5.3.2; where it names none, 5 minutes like MAIL.
public struct SMTPClientTimeouts: Sendable, Hashable {
    /// Waiting for the greeting (§4.5.3.2.1: 5 minutes).
    public var greeting = 300
    /// Waiting for the reply to EHLO, HELO, STARTTLS, AUTH or RSET.
    public var command = 300
    /// The TLS handshake (the server's own handshake limit, Limits.tlsHandshakeTimeoutSeconds).
    public var tlsHandshake = 30
    /// Waiting for the reply to MAIL (§4.5.3.2.2: 5 minutes).
    public var mail = 300
    /// Waiting for the reply to each RCPT (§4.5.3.2.3: 5 minutes).
    public var recipient = 300
    /// Waiting for the 354 to DATA (§4.5.3.2.4: 2 minutes).
    public var dataInitiation = 120
    /// Writing each block of content (§4.5.3.2.5: 3 minutes).
    public var dataBlock = 180
    /// Waiting for the reply to the final `.` (§4.5.3.2.6: 10 minutes).
    public var dataTermination = 600
    /// Waiting for the reply to QUIT.
    public var quit = 300

    /// The defaults.
    public init() {}

    /// The defaults.
    public static let defaults = SMTPClientTimeouts()

    /// The timeout of `phase`, or `nil` where the session waits for the glue, not the server
    /// (idle, closed).
    public func seconds(for phase: SMTPClientPhase) -> Int? {
        switch phase {
        case .greeting: greeting
        case .hello, .startTLS, .authentication, .reset: command
        case .tlsHandshake: tlsHandshake
        case .mail: mail
        case .recipient: recipient
        case .dataInitiation: dataInitiation
        case .dataBlock: dataBlock
        case .dataTermination: dataTermination
        case .quit: quit
        case .idle, .closed: nil
        }
    }
}
