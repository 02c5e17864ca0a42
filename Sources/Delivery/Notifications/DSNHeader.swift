import Foundation

/// The header section of a DSN (RFC 3464 §2, RFC 6522 §3), ending with its empty line.
struct DSNHeader {
    var kind: DSNReportKind
    /// The envelope sender, the notification's only recipient.
    var sender: String
    var reportingHost: String
    var now: Date
    /// The notification's Message-ID, without brackets.
    var messageID: String
    /// The original message's Message-ID, without brackets, if it had one.
    var originalMessageID: String?
    var boundary: String
    /// The widest encoding of any part: the multipart is labeled with it (RFC 2045 §6.4).
    var encoding: DSNTransferEncoding

    var text: String {
        var text = DSNText.field("From", "Mail Delivery System <MAILER-DAEMON@\(reportingHost)>")
        text += DSNText.field("To", "<\(sender)>")
        text += DSNText.field("Subject", kind.subject)
        text += DSNText.field("Date", DSNText.date(now))
        text += DSNText.field("Message-ID", "<\(messageID)>")
        if let original = originalMessageID {
            text += DSNText.field("In-Reply-To", "<\(original)>")
            text += DSNText.field("References", "<\(original)>")
        }
        // RFC 3834 §5: marks the message as automatic, so responders do not answer it.
        text += DSNText.field("Auto-Submitted", "auto-replied")
        text += DSNText.field("MIME-Version", "1.0")
        text += DSNText.field("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"\(boundary)\"")
        if encoding != .sevenBit {
            text += DSNText.field("Content-Transfer-Encoding", encoding.name)
        }
        return text + "\r\n"
    }
}
