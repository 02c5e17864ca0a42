import Foundation
import MailCore
import MailStore

/// A delivery status notification (RFC 3464): the `multipart/report` message (RFC 6522) that
/// tells the envelope sender what became of a message for some of its recipients.
public struct DeliveryStatusNotification: Sendable {
    /// Composes the DSN for `statuses`, to be sent to `envelope.sender` from the null sender:
    /// an explanation, the `message/delivery-status` report, and the original message or its
    /// header (by `RET`, RFC 3461 §4.3), with CRLF line ends and no line over 998 octets.
    ///
    /// Returns nil when no DSN may be sent: the envelope sender is null (RFC 3461 §6.2,
    /// RFC 5321 §4.5.5: a bounce is never bounced), or no recipient's `NOTIFY` asks for its
    /// action (RFC 3461 §4.1: without `NOTIFY`, failures and delays are reported, successes
    /// are not). Recipients whose `NOTIFY` excludes their action are left out of the report.
    ///
    /// - Parameters:
    ///   - envelope: the original envelope (sender, `ENVID`, `RET`, expiry).
    ///   - arrivalDate: when the original was accepted (`Arrival-Date`).
    ///   - statuses: what happened to each recipient reported on.
    ///   - originalMessage: the original message as queued.
    ///   - reportingHost: this server's host name (`Reporting-MTA`, `MAILER-DAEMON@host`).
    ///   - now: the notification's `Date`.
    ///   - messageID: the notification's Message-ID, without angle brackets.
    public static func compose(envelope: OutboundEnvelope, arrivalDate: Date, statuses: [RecipientDeliveryStatus],
                               originalMessage: [UInt8], reportingHost: String, now: Date,
                               messageID: String) -> [UInt8]? {
        let sender = DSNText.cleaned(envelope.sender, limit: DSNText.longestDiagnostic)
        guard !sender.isEmpty, sender != "<>" else { return nil }
        let reported = statuses.filter { $0.action.isRequested(by: $0.recipient.notify) }
        guard !reported.isEmpty else { return nil }

        let host = Self.token(reportingHost, fallback: "localhost")
        let kind = DSNReportKind(actions: reported.map(\.action))
        let message = LineEndings.normalizedToCRLF(originalMessage)
        let returned = DSNReturnedContent(message: message, returnsFullMessage: envelope.returnsFullMessage, kind: kind)
        let status = DSNStatusPart(envelope: envelope, arrivalDate: arrivalDate, statuses: reported, reportingHost: host)
        let explanation = DSNExplanation(statuses: reported, reportingHost: host,
                                         returnsFullMessage: returned.isFullMessage, expires: envelope.expires)
        let explanationBytes = Array(explanation.text.utf8)
        let statusBytes = Array(status.text.utf8)
        let identifier = Self.token(messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<>")),
                                    fallback: "\(Self.token(envelope.queueID, fallback: "dsn")).dsn@\(host)")
        let boundary = DSNBoundary.choose(messageID: identifier,
                                          avoiding: [explanationBytes[...], statusBytes[...], returned.bytes])

        let explanationEncoding = DSNTransferEncoding(text: explanation.text)
        let statusEncoding = DSNTransferEncoding(text: status.text)
        let header = DSNHeader(
            kind: kind, sender: sender, reportingHost: host, now: now, messageID: identifier,
            originalMessageID: DSNReturnedContent.messageID(of: message, header: returned.header),
            boundary: boundary, encoding: max(explanationEncoding, statusEncoding, returned.encoding))

        var output = Array(header.text.utf8)
        output.reserveCapacity(output.count + explanationBytes.count + statusBytes.count + returned.bytes.count + 1024)
        output += Array("This is a delivery status notification in MIME format (RFC 3464).\r\n".utf8)
        Self.appendPart(to: &output, boundary: boundary, description: "Notification",
                        contentType: "text/plain; charset=utf-8", encoding: explanationEncoding, body: explanationBytes[...])
        Self.appendPart(to: &output, boundary: boundary, description: "Delivery report",
                        contentType: status.contentType, encoding: statusEncoding, body: statusBytes[...])
        Self.appendPart(to: &output, boundary: boundary,
                        description: returned.isFullMessage ? "Undelivered message" : "Message header",
                        contentType: returned.contentType, encoding: returned.encoding, body: returned.bytes)
        output += Array("\r\n--\(boundary)--\r\n".utf8)
        return output
    }

    /// Appends a delimiter, the part's header and its body (RFC 2046 §5.1.1: the CRLF before
    /// a delimiter belongs to the delimiter).
    private static func appendPart(to output: inout [UInt8], boundary: String, description: String, contentType: String,
                                   encoding: DSNTransferEncoding, body: ArraySlice<UInt8>) {
        var header = "\r\n--\(boundary)\r\n"
        header += DSNText.field("Content-Description", description)
        header += DSNText.field("Content-Type", contentType)
        if encoding != .sevenBit { header += DSNText.field("Content-Transfer-Encoding", encoding.name) }
        output += Array((header + "\r\n").utf8)
        output += body
    }

    /// The text as one header token: cleaned, without spaces, bounded; `fallback` when empty.
    private static func token(_ text: String, fallback: String) -> String {
        let cleaned = String(DSNText.cleaned(text, limit: 255).filter { $0 != " " })
        return cleaned.isEmpty ? fallback : cleaned
    }
}
