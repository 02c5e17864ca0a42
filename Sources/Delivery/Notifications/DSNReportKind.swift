/// What a DSN reports as a whole, by its most serious recipient: any failure makes it a
/// failure report, else any delay a delay report, else a success report.
enum DSNReportKind: Sendable, Hashable {
    case failure
    case delay
    case success

    init(actions: some Sequence<DeliveryStatusAction>) {
        var kind = DSNReportKind.success
        for action in actions {
            switch action {
            case .failed:
                self = .failure
                return
            case .delayed: kind = .delay
            case .delivered, .relayed, .expanded: break
            }
        }
        self = kind
    }

    /// The `Subject:` of the notification.
    var subject: String {
        switch self {
        case .failure: "Undelivered Mail Returned to Sender"
        case .delay: "Delayed Mail (still being retried)"
        case .success: "Successful Mail Delivery Report"
        }
    }
}
