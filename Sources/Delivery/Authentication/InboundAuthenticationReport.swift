import MailAuth

/// Every sender-authentication result of one message, as the server records them and as
/// `martlet check` prints them.
public struct InboundAuthenticationReport: Sendable {
    /// SPF for the MAIL FROM identity (for the null sender: postmaster@ the HELO name).
    public let mailFrom: SPFEvaluation
    /// SPF for the HELO identity.
    public let helo: SPFEvaluation
    /// Each DKIM signature, in the order of the message.
    public let signatures: [DKIMSignatureVerification]
    /// The ARC chain.
    public let chain: ARCEvaluation
    /// DMARC for the From: domain.
    public let dmarc: DMARCEvaluation
    /// The `Authentication-Results:` field recording all of it.
    public let field: AuthenticationResultsField
}
