import SMTPProtocol

/// The replies the delivery policy gives, each with its RFC 3463 enhanced code.
extension SMTPReply {
    /// RCPT for a domain that is not ours from a client that did not authenticate: no open relay.
    static let relayingDenied = SMTPReply(550, SMTPEnhancedStatusCode(5, 7, 1), "Relaying denied")
    /// A local part that other MTAs read as a route (`%`, `!`, a quoted `@`): refused outright.
    static let routedLocalPartRefused = SMTPReply(
        550, SMTPEnhancedStatusCode(5, 7, 1), "Source-routed or percent-hack addresses are not accepted")
    /// RCPT for an address of a local domain that no account, alias or catch-all claims.
    static let unknownMailbox = SMTPReply(550, SMTPEnhancedStatusCode(5, 1, 1), "No such user here")
    /// MAIL FROM or From: on submission that is not the authenticated account's (anti-spoofing).
    static let senderNotOwned = SMTPReply(
        550, SMTPEnhancedStatusCode(5, 7, 1), "Sender address is not owned by the authenticated user")
    /// Submission without an authenticated user (the session enforces this; a second guard).
    static let submissionNeedsAuthentication = SMTPReply(530, SMTPEnhancedStatusCode(5, 7, 0), "Authentication required")
    /// A local alias that forwards to another server while no SRS scheme is configured:
    /// forwarding needs the envelope sender rewritten first, so that SPF passes at the destination.
    static let forwardingUnavailable = SMTPReply(
        451, SMTPEnhancedStatusCode(4, 3, 2), "Forwarding to other servers is not available yet, try again later")
    /// RCPT for an SRS address of ours that is forged, expired or malformed: bounces to it
    /// cannot be returned to anyone (Shevek's SRS paper; the address does not exist).
    static func invalidSRSAddress(_ error: SRSError) -> SMTPReply {
        let text = switch error {
        case .notSRS, .malformed: "Malformed SRS address, no such user here"
        case .badHash: "Invalid SRS address (hash mismatch: forged or altered), no such user here"
        case .expired: "Expired SRS address, no such user here"
        }
        return SMTPReply(550, SMTPEnhancedStatusCode(5, 1, 1), text)
    }
    /// The recipient's account has reached its quota: temporary, so the sender retries.
    static let mailboxFull = SMTPReply(452, SMTPEnhancedStatusCode(4, 2, 2), "Mailbox full, try again later")
    /// The store could not look the address up or commit the message.
    static let storeUnavailable = SMTPReply(451, SMTPEnhancedStatusCode(4, 3, 0), "Mail store unavailable, try again later")
    /// A message larger than the store accepts.
    static let storeRefusedSize = SMTPReply(552, SMTPEnhancedStatusCode(5, 3, 4), "Message too large")
}
