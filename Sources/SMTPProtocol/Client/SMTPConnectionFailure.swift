/// Why a connection ended before its work was done. Every one is temporary for the
/// recipients still pending: they are deferred (RFC 5321 §4.2.5, §3.8), and the caller may try
/// another MX or a later time. Each case keeps the server's reply where there is one.
public enum SMTPConnectionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server greeted with something other than 220, e.g. 554 "no SMTP service here"
    /// (RFC 5321 §3.1) or 421.
    case greetingRefused(SMTPReply)
    /// The server refused EHLO and HELO.
    case helloRefused(SMTPReply)
    /// TLS is required and the server does not offer STARTTLS.
    case tlsNotOffered
    /// TLS is required and the server refused STARTTLS.
    case tlsRefused(SMTPReply)
    /// The TLS handshake failed (as the glue reported it). With an opportunistic policy the
    /// caller may connect again without TLS (``SMTPClientTLSPolicy/disabled``).
    case tlsHandshakeFailed(reason: String, mayRetryWithoutTLS: Bool)
    /// Credentials are configured but cannot be sent: TLS is not active, or the server does
    /// not offer AUTH PLAIN.
    case authenticationUnavailable(reason: String)
    /// The server refused the credentials.
    case authenticationFailed(SMTPReply)
    /// The server refused RSET between two messages.
    case resetRefused(SMTPReply)
    /// The server is closing the connection (421, RFC 5321 §3.8), at any point.
    case serviceClosing(SMTPReply)
    /// The server sent something that is not a reply, or a reply nothing was waiting for.
    case protocolError(SMTPClientProtocolError)
    /// The connection closed while the session was in this phase.
    case connectionLost(SMTPClientPhase)
    /// The glue's timer for this phase expired (RFC 5321 §4.5.3.2).
    case timedOut(SMTPClientPhase)

    /// The server's reply behind the failure, if any.
    public var serverReply: SMTPReply? {
        switch self {
        case .greetingRefused(let reply), .helloRefused(let reply), .tlsRefused(let reply),
            .authenticationFailed(let reply), .resetRefused(let reply), .serviceClosing(let reply):
            reply
        case .protocolError(.unexpectedReply(let reply, _)): reply
        default: nil
        }
    }

    /// An enhanced status code for DSNs and logs (RFC 3463), temporary class: the server's own
    /// where it gave one, otherwise one that names the cause.
    public var status: SMTPEnhancedStatusCode {
        if let code = serverReply?.enhancedCode { return SMTPEnhancedStatusCode(4, code.subject, code.detail) }
        return switch self {
        case .tlsNotOffered, .tlsRefused: SMTPEnhancedStatusCode(4, 7, 10)  // encryption needed
        case .tlsHandshakeFailed: SMTPEnhancedStatusCode(4, 7, 5)  // cryptographic failure
        case .authenticationUnavailable, .authenticationFailed: SMTPEnhancedStatusCode(4, 7, 0)
        case .protocolError, .resetRefused: SMTPEnhancedStatusCode(4, 5, 0)  // protocol status
        case .connectionLost, .timedOut: SMTPEnhancedStatusCode(4, 4, 2)  // bad connection
        case .greetingRefused, .helloRefused, .serviceClosing: SMTPEnhancedStatusCode(4, 4, 0)
        }
    }

    /// Whether the caller may connect to the same server again at once without TLS.
    public var allowsRetryWithoutTLS: Bool {
        if case .tlsHandshakeFailed(_, true) = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .greetingRefused(let reply): "server refused the connection: \(reply.summary)"
        case .helloRefused(let reply): "server refused EHLO and HELO: \(reply.summary)"
        case .tlsNotOffered: "TLS is required but the server does not offer STARTTLS"
        case .tlsRefused(let reply): "TLS is required but the server refused STARTTLS: \(reply.summary)"
        case .tlsHandshakeFailed(let reason, _): "TLS handshake failed: \(reason)"
        case .authenticationUnavailable(let reason): "cannot authenticate: \(reason)"
        case .authenticationFailed(let reply): "server refused authentication: \(reply.summary)"
        case .resetRefused(let reply): "server refused RSET: \(reply.summary)"
        case .serviceClosing(let reply): "server is closing the connection: \(reply.summary)"
        case .protocolError(let error): "protocol error: \(error)"
        case .connectionLost(let phase): "connection lost while waiting for \(phase)"
        case .timedOut(let phase): "timed out while waiting for \(phase)"
        }
    }
}

/// A server that broke the protocol.
public enum SMTPClientProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Bytes that are not a valid reply.
    case malformedReply(SMTPReplyParseError)
    /// A well-formed reply that nothing was waiting for, or that makes no sense where it came
    /// (e.g. 250 to DATA), in this phase.
    case unexpectedReply(SMTPReply, SMTPClientPhase)

    public var description: String {
        switch self {
        case .malformedReply(let error): error.description
        case .unexpectedReply(let reply, let phase):
            "unexpected reply \(reply.summary) while waiting for \(phase)"
        }
    }
}
