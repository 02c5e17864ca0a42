import SMTPProtocol

/// Where the recipients of one domain are to be delivered, or why they cannot be now.
public enum DestinationPlan: Sendable, Hashable {
    /// Try these hosts in order (lowest MX preference first), each of their addresses in turn.
    case hosts([DeliveryHost])
    /// The domain accepts no mail, or does not exist: fail the recipients at once.
    case failed(status: SMTPEnhancedStatusCode, reason: String)
    /// DNS could not answer now: defer the recipients.
    case deferred(status: SMTPEnhancedStatusCode, reason: String)
}
