import Foundation
import MailStore
import SMTPProtocol

/// One recipient's part of a DSN: what happened to it and what the remote server said
/// (the per-recipient fields of RFC 3464 §2.3).
public struct RecipientDeliveryStatus: Sendable, Hashable {
    /// The recipient: its address (`Final-Recipient`) and `ORCPT` (`Original-Recipient`).
    public var recipient: OutboundRecipient
    /// What happened (`Action`).
    public var action: DeliveryStatusAction
    /// The enhanced status code (`Status`), e.g. 5.1.1.
    public var status: SMTPEnhancedStatusCode
    /// The server that answered (`Remote-MTA`): a host name such as `mx.example.org`, or a
    /// typed value such as `dns; mx.example.org`.
    public var remoteMTA: String?
    /// What the server answered (`Diagnostic-Code`): its reply text such as
    /// `550 5.1.1 no such user`, or a typed value such as `smtp; 550 5.1.1 no such user`.
    public var diagnosticCode: String?
    /// When delivery was last tried (`Last-Attempt-Date`).
    public var lastAttempt: Date?
    /// Until when delivery will be retried (`Will-Retry-Until`); used for `delayed` only, and
    /// the envelope's expiry when nil.
    public var willRetryUntil: Date?

    public init(recipient: OutboundRecipient, action: DeliveryStatusAction, status: SMTPEnhancedStatusCode,
                remoteMTA: String? = nil, diagnosticCode: String? = nil, lastAttempt: Date? = nil,
                willRetryUntil: Date? = nil) {
        self.recipient = recipient
        self.action = action
        self.status = status
        self.remoteMTA = remoteMTA
        self.diagnosticCode = diagnosticCode
        self.lastAttempt = lastAttempt
        self.willRetryUntil = willRetryUntil
    }
}
