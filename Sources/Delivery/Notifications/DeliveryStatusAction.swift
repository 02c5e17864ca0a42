import MailStore

/// What a DSN says happened to one recipient (RFC 3464 §2.3.3 `Action`).
public enum DeliveryStatusAction: String, Sendable, Hashable {
    /// The message could not be delivered and will not be tried again.
    case failed
    /// Delivery has not succeeded yet and is still being retried.
    case delayed
    /// The message was delivered to the recipient's mailbox.
    case delivered
    /// The message was passed to a system that will not send delivery reports for it.
    case relayed
    /// The message was delivered to an address that forwarded it to further recipients.
    case expanded

    /// Whether a recipient with this `NOTIFY` wants to hear of this action.
    ///
    /// RFC 3461 §4.1: without `NOTIFY` failures are reported and delays may be (Martlet reports
    /// them); successes, relaying and expansion (§6.2.3) only on `NOTIFY=SUCCESS`.
    func isRequested(by notify: DeliveryNotifications?) -> Bool {
        switch self {
        case .failed: notify?.contains(.failure) ?? true
        case .delayed: notify?.contains(.delay) ?? true
        case .delivered, .relayed, .expanded: notify?.contains(.success) ?? false
        }
    }
}
