import Foundation
import MailStore
import SMTPProtocol

/// The second part of a DSN: the machine-readable `message/delivery-status` fields
/// (RFC 3464 §2.2, §2.3), or `message/global-delivery-status` when a field needs UTF-8
/// (RFC 6533 §6.2).
struct DSNStatusPart {
    /// The per-message fields, then one group per recipient, each after an empty line.
    let text: String

    init(envelope: OutboundEnvelope, arrivalDate: Date, statuses: [RecipientDeliveryStatus], reportingHost: String) {
        var text = ""
        // RFC 3464 §2.2: the per-message fields, in the order of its grammar.
        if let envelopeID = envelope.envelopeID.flatMap(Self.envelopeIdentifier) {
            text += DSNText.field("Original-Envelope-Id", envelopeID)
        }
        text += DSNText.field("Reporting-MTA", "dns; " + reportingHost)
        let queueID = DSNText.cleaned(envelope.queueID, limit: 256)
        if !queueID.isEmpty { text += DSNText.field("X-Martlet-Queue-ID", queueID) }
        text += DSNText.field("Arrival-Date", DSNText.date(arrivalDate))
        for status in statuses {
            text += "\r\n" + Self.recipientFields(status, expires: envelope.expires)
        }
        self.text = text
    }

    /// The media type of the part.
    var contentType: String {
        DSNText.isNonASCII(text) ? "message/global-delivery-status" : "message/delivery-status"
    }

    /// RFC 3464 §2.3: one recipient's fields, in the order of its grammar.
    static func recipientFields(_ status: RecipientDeliveryStatus, expires: Date) -> String {
        var text = ""
        if let orcpt = status.recipient.originalRecipient, let original = DSNAddress.originalRecipient(orcpt) {
            text += DSNText.field("Original-Recipient", original)
        }
        text += DSNText.field("Final-Recipient", DSNAddress.typed(status.recipient.address))
        text += DSNText.field("Action", status.action.rawValue)
        text += DSNText.field("Status", statusCode(status.status, for: status.action))
        if let remote = status.remoteMTA.map({ DSNAddress.typedValue($0, defaultType: "dns") }) {
            text += DSNText.field("Remote-MTA", remote)
        }
        if let diagnostic = status.diagnosticCode.map({ DSNAddress.typedValue($0, defaultType: "smtp") }) {
            text += DSNText.field("Diagnostic-Code", diagnostic)
        }
        if let lastAttempt = status.lastAttempt {
            text += DSNText.field("Last-Attempt-Date", DSNText.date(lastAttempt))
        }
        // §2.3.9: only for delayed recipients.
        if status.action == .delayed {
            text += DSNText.field("Will-Retry-Until", DSNText.date(status.willRetryUntil ?? expires))
        }
        return text
    }

    /// The `Status` value (RFC 3464 §2.3.4: `class.subject.detail`, one digit and up to three
    /// each); a code outside that grammar becomes the undetailed code of the action's class.
    static func statusCode(_ code: SMTPEnhancedStatusCode, for action: DeliveryStatusAction) -> String {
        if [2, 4, 5].contains(code.statusClass), (0...999).contains(code.subject), (0...999).contains(code.detail) {
            return code.description
        }
        switch action {
        case .failed: return "5.0.0"
        case .delayed: return "4.0.0"
        case .delivered, .relayed, .expanded: return "2.0.0"
        }
    }

    /// The `ENVID` as the sender gave it (RFC 3461 §4.4; the SMTP server decoded its xtext).
    static func envelopeIdentifier(_ envid: String) -> String? {
        let cleaned = DSNText.cleaned(envid, limit: DSNText.longestDiagnostic)
        return cleaned.isEmpty ? nil : cleaned
    }
}
