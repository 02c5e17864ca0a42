import SMTPProtocol

extension SMTPReply {
    /// MAIL or RCPT over a message or recipient rate: a temporary refusal naming the limit
    /// (like Postfix's "450 4.7.1 Error: too much mail from ...").
    static func rateLimited(_ refusal: RateLimitRefusal) -> SMTPReply {
        SMTPReply(451, SMTPEnhancedStatusCode(4, 7, 1), "\(refusal), try again later")
    }

    /// Password attempts over their rate: the connection is closed (RFC 5321 §3.8).
    static func rateLimitedConnection(_ refusal: RateLimitRefusal, hostname: String) -> SMTPReply {
        SMTPReply(421, SMTPEnhancedStatusCode(4, 7, 0), "\(hostname) \(refusal), closing connection")
    }
}
