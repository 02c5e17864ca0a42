import SMTPProtocol

/// What the sender-authentication checks decided for a message received from another server.
public enum InboundAuthenticationVerdict: Sendable {
    /// Deliver `content` (the message with forged Authentication-Results fields removed) with
    /// `addedFields` (Authentication-Results, Received-SPF) in front; into the recipients'
    /// Junk mailbox when `quarantined` (DMARC p=quarantine).
    case deliver(addedFields: [UInt8], content: [UInt8], quarantined: Bool)
    /// Refuse the message at the end of DATA with this reply (DMARC p=reject).
    case reject(SMTPReply)
}
