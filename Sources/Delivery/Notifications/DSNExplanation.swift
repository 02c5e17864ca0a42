import Foundation

/// The first part of a DSN: a `text/plain` explanation for people (RFC 3464 §2, RFC 6522 §3),
/// listing each recipient with what its server said and, for delays, when retrying ends.
struct DSNExplanation {
    /// The text, lines wrapped and ending in CRLF.
    let text: String

    init(statuses: [RecipientDeliveryStatus], reportingHost: String, returnsFullMessage: Bool, expires: Date) {
        var lines = DSNText.wrapped("This is the mail delivery system at \(reportingHost).", lead: "", indent: "")
        let order: [DeliveryStatusAction] = [.failed, .delayed, .delivered, .relayed, .expanded]
        for action in order {
            let group = statuses.filter { $0.action == action }
            guard !group.isEmpty else { continue }
            lines.append("")
            lines += DSNText.wrapped(Self.introduction(for: action), lead: "", indent: "")
            for status in group {
                lines.append("")
                lines += Self.recipientLines(status, expires: expires)
            }
        }
        lines.append("")
        let returned = returnsFullMessage ? "your message" : "the header of your message"
        lines += DSNText.wrapped("A machine-readable report and \(returned) are attached.", lead: "", indent: "")
        text = lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func introduction(for action: DeliveryStatusAction) -> String {
        switch action {
        case .failed:
            "Your message could not be delivered to the recipients below. Delivery has been given up."
        case .delayed:
            "Your message has not been delivered yet to the recipients below. Delivery is still being "
                + "retried; you do not need to send the message again."
        case .delivered:
            "Your message was delivered to the recipients below."
        case .relayed:
            "Your message was passed on for the recipients below to a mail system that does not send "
                + "delivery reports; no further report will follow."
        case .expanded:
            "Your message was delivered to the recipients below, which forwarded it to further addresses."
        }
    }

    /// The recipient, then indented what its server said and when retrying ends.
    private static func recipientLines(_ status: RecipientDeliveryStatus, expires: Date) -> [String] {
        var heading = "<" + DSNText.cleaned(status.recipient.address, limit: DSNText.longestDiagnostic) + ">"
        if let orcpt = status.recipient.originalRecipient, let original = DSNAddress.originalRecipient(orcpt) {
            let address = DSNAddress.untyped(original)
            if address.lowercased() != status.recipient.address.lowercased() {
                heading += " (originally to <\(address)>)"
            }
        }
        var lines = DSNText.wrapped(heading + ": status " + DSNStatusPart.statusCode(status.status, for: status.action),
                                    lead: "", indent: "    ")
        if let remote = status.remoteMTA {
            let host = DSNAddress.untyped(DSNAddress.typedValue(remote, defaultType: "dns"))
            lines += DSNText.wrapped(host, lead: "    Server: ", indent: "        ")
        }
        if let diagnostic = status.diagnosticCode {
            let reply = DSNAddress.untyped(DSNAddress.typedValue(diagnostic, defaultType: "smtp"))
            lines += DSNText.wrapped(reply, lead: "    Reply: ", indent: "        ")
        }
        if status.action == .delayed {
            let until = DSNText.date(status.willRetryUntil ?? expires)
            lines += DSNText.wrapped("Delivery will be retried until \(until).", lead: "    ", indent: "    ")
        }
        return lines
    }
}
