import Foundation
import Testing
import TestSupport
@testable import Delivery
import MailCore
import MailStore
import SMTPProtocol

/// The composed DSN, parsed back with MailCore's parser.
private struct ParsedDSN {
    let bytes: [UInt8]
    let parsed: ParsedMessage

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        parsed = MessageParser().parse(bytes)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
    var root: BodyPart { parsed.structure.root }
    var children: [BodyPart] { parsed.structure.children(of: 0).map { parsed.structure.parts[$0] } }

    func header(_ name: String) -> String? { parsed.header[name] }

    func body(_ part: BodyPart) -> String { String(decoding: bytes[part.bodyRange], as: UTF8.self) }

    /// The header fields of a part, as `Name: value` lines.
    func partHeader(_ part: BodyPart) -> String { String(decoding: bytes[part.headerRange], as: UTF8.self) }

    /// The field groups of the delivery-status part, each as its lines.
    var statusGroups: [[String]] {
        let body = children.count > 1 ? self.body(children[1]) : ""
        return body.components(separatedBy: "\r\n\r\n").map { group in
            group.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        }.filter { !$0.isEmpty }
    }
}

@Suite("Delivery status notifications (RFC 3464, RFC 3461, RFC 6522)")
struct DeliveryStatusNotificationTests {
    static let arrival = Date(timeIntervalSince1970: 1_700_000_000)     // Tue, 14 Nov 2023 22:13:20 +0000
    static let now = Date(timeIntervalSince1970: 1_700_003_600)
    static let original: [UInt8] = Array(
        "From: Alice <alice@example.com>\r\nTo: bob@example.org\r\nSubject: Hello\r\nMessage-ID: <orig-1@example.com>\r\n\r\nThe body text.\r\n".utf8)

    static func envelope(sender: String = "alice@example.com", recipients: [OutboundRecipient] = [],
                         envelopeID: String? = nil, returnsFullMessage: Bool? = nil) -> OutboundEnvelope {
        OutboundEnvelope(queueID: "Q123", sender: sender, recipients: recipients, envelopeID: envelopeID,
                         returnsFullMessage: returnsFullMessage, expires: Date(timeIntervalSince1970: 1_700_432_000))
    }

    static func compose(_ envelope: OutboundEnvelope, _ statuses: [RecipientDeliveryStatus],
                        original: [UInt8] = original) -> [UInt8]? {
        DeliveryStatusNotification.compose(envelope: envelope, arrivalDate: arrival, statuses: statuses,
                                           originalMessage: original, reportingHost: "mx.martlet.test", now: now,
                                           messageID: "dsn-Q123@mx.martlet.test")
    }

    static let bob = OutboundRecipient(address: "bob@example.org", originalRecipient: "rfc822;bob+ext@example.org")
    static let failedBob = RecipientDeliveryStatus(
        recipient: bob, action: .failed, status: SMTPEnhancedStatusCode(5, 1, 1), remoteMTA: "mx.example.org",
        diagnosticCode: "550 5.1.1 <bob@example.org>: no such user", lastAttempt: Date(timeIntervalSince1970: 1_700_003_000))

    @Test func failureReportHasTheMultipartReportStructure() throws {
        let bytes = try #require(Self.compose(Self.envelope(envelopeID: "env+1"), [Self.failedBob]))
        let dsn = ParsedDSN(bytes)
        #expect(dsn.parsed.defects.isEmpty, "\(dsn.parsed.defects)")
        #expect(dsn.root.type == "multipart" && dsn.root.subtype == "report")
        #expect(dsn.root.parameters.value(named: "report-type") == "delivery-status")
        let children = dsn.children
        try #require(children.count == 3)
        #expect("\(children[0].type)/\(children[0].subtype)" == "text/plain")
        #expect(children[0].parameters.value(named: "charset") == "utf-8")
        #expect("\(children[1].type)/\(children[1].subtype)" == "message/delivery-status")
        #expect("\(children[2].type)/\(children[2].subtype)" == "message/rfc822")
        // The whole original comes back (RET not given, small message).
        #expect(Array(bytes[children[2].bodyRange]) == Self.original)

        #expect(dsn.header("From") == "Mail Delivery System <MAILER-DAEMON@mx.martlet.test>")
        #expect(dsn.header("To") == "<alice@example.com>")
        #expect(dsn.header("Subject") == "Undelivered Mail Returned to Sender")
        #expect(dsn.header("Date") == "Tue, 14 Nov 2023 23:13:20 +0000")
        #expect(dsn.header("Message-ID") == "<dsn-Q123@mx.martlet.test>")
        #expect(dsn.header("In-Reply-To") == "<orig-1@example.com>")
        #expect(dsn.header("References") == "<orig-1@example.com>")
        #expect(dsn.header("Auto-Submitted") == "auto-replied")
        #expect(dsn.header("MIME-Version") == "1.0")
        #expect(dsn.header("Content-Transfer-Encoding") == nil)
        #expect(!LineEndings.hasBareLineFeeds(bytes))

        let explanation = dsn.body(children[0])
        #expect(explanation.contains("<bob@example.org>"))
        #expect(explanation.contains("550 5.1.1 <bob@example.org>: no such user"))
        #expect(explanation.contains("mx.example.org"))
    }

    @Test func failedRecipientFieldsAreExact() throws {
        let bytes = try #require(Self.compose(Self.envelope(envelopeID: "env+1"), [Self.failedBob]))
        let groups = ParsedDSN(bytes).statusGroups
        try #require(groups.count == 2)
        #expect(groups[0] == [
            "Original-Envelope-Id: env+1",
            "Reporting-MTA: dns; mx.martlet.test",
            "X-Martlet-Queue-ID: Q123",
            "Arrival-Date: Tue, 14 Nov 2023 22:13:20 +0000",
        ])
        #expect(groups[1] == [
            "Original-Recipient: rfc822; bob+ext@example.org",
            "Final-Recipient: rfc822; bob@example.org",
            "Action: failed",
            "Status: 5.1.1",
            "Remote-MTA: dns; mx.example.org",
            "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: no such user",
            "Last-Attempt-Date: Tue, 14 Nov 2023 23:03:20 +0000",
        ])
    }

    @Test func typedRemoteMTAAndDiagnosticAreKeptAsGiven() throws {
        var status = Self.failedBob
        status.remoteMTA = "dns; mx2.example.org"
        status.diagnosticCode = "X-Postfix; host unreachable"
        let groups = ParsedDSN(try #require(Self.compose(Self.envelope(), [status]))).statusGroups
        #expect(groups.last?.contains("Remote-MTA: dns; mx2.example.org") == true)
        #expect(groups.last?.contains("Diagnostic-Code: X-Postfix; host unreachable") == true)
    }

    @Test func returnHeadersGivesOnlyTheHeader() throws {
        let bytes = try #require(Self.compose(Self.envelope(returnsFullMessage: false), [Self.failedBob]))
        let dsn = ParsedDSN(bytes)
        let children = dsn.children
        try #require(children.count == 3)
        #expect("\(children[2].type)/\(children[2].subtype)" == "text/rfc822-headers")
        let returned = dsn.body(children[2])
        #expect(returned.hasPrefix("From: Alice <alice@example.com>\r\n"))
        #expect(returned.contains("Message-ID: <orig-1@example.com>"))
        #expect(!returned.contains("The body text."))
        #expect(!dsn.text.contains("The body text."))
    }

    @Test func returnFullGivesTheWholeMessageEvenWhenLarge() throws {
        let large = Self.original + Array(repeating: UInt8(ascii: "x"), count: 70_000).chunkedLines()
        let full = ParsedDSN(try #require(Self.compose(Self.envelope(returnsFullMessage: true), [Self.failedBob], original: large)))
        #expect(full.children.last?.subtype == "rfc822")
        #expect(full.children.last.map { full.bytes[$0.bodyRange].count } == large.count)
        // Without RET, a message over 64 KiB comes back as its header only.
        let unspecified = ParsedDSN(try #require(Self.compose(Self.envelope(), [Self.failedBob], original: large)))
        #expect(unspecified.children.last?.subtype == "rfc822-headers")
        #expect(unspecified.bytes.count < 10_000)
    }

    @Test func nullSenderGetsNoNotification() {
        #expect(Self.compose(Self.envelope(sender: ""), [Self.failedBob]) == nil)
        #expect(Self.compose(Self.envelope(sender: "<>"), [Self.failedBob]) == nil)
    }

    @Test func notifyNeverGetsNoNotification() {
        var status = Self.failedBob
        status.recipient.notify = .never
        #expect(Self.compose(Self.envelope(), [status]) == nil)
        status.action = .delayed
        #expect(Self.compose(Self.envelope(), [status]) == nil)
        #expect(Self.compose(Self.envelope(), []) == nil)
    }

    @Test func notifySuccessReportsDelivery() throws {
        let recipient = OutboundRecipient(address: "carol@example.net", notify: .success)
        let delivered = RecipientDeliveryStatus(recipient: recipient, action: .delivered, status: SMTPEnhancedStatusCode(2, 0, 0),
                                                remoteMTA: "mx.example.net", diagnosticCode: "250 2.0.0 Ok: queued as ABC")
        let dsn = ParsedDSN(try #require(Self.compose(Self.envelope(), [delivered])))
        #expect(dsn.header("Subject") == "Successful Mail Delivery Report")
        #expect(dsn.statusGroups.last?.contains("Action: delivered") == true)
        #expect(dsn.statusGroups.last?.contains("Status: 2.0.0") == true)
        // Success reports return the header only (RFC 3461 §4.3).
        #expect(dsn.children.last?.subtype == "rfc822-headers")

        // Without NOTIFY=SUCCESS, a delivery is not reported.
        var unrequested = delivered
        unrequested.recipient.notify = nil
        #expect(Self.compose(Self.envelope(), [unrequested]) == nil)
        unrequested.recipient.notify = [.failure, .delay]
        #expect(Self.compose(Self.envelope(), [unrequested]) == nil)
    }

    @Test func defaultNotifyReportsDelay() throws {
        let delayed = RecipientDeliveryStatus(recipient: OutboundRecipient(address: "dave@example.org"), action: .delayed,
                                              status: SMTPEnhancedStatusCode(4, 4, 1), remoteMTA: nil,
                                              diagnosticCode: "connection timed out",
                                              lastAttempt: Self.now, willRetryUntil: nil)
        let dsn = ParsedDSN(try #require(Self.compose(Self.envelope(returnsFullMessage: true), [delayed])))
        #expect(dsn.header("Subject") == "Delayed Mail (still being retried)")
        let group = try #require(dsn.statusGroups.last)
        #expect(group.contains("Action: delayed"))
        #expect(group.contains("Status: 4.4.1"))
        #expect(group.contains("Diagnostic-Code: smtp; connection timed out"))
        // Will-Retry-Until falls back to the envelope's expiry.
        #expect(group.contains("Will-Retry-Until: Sun, 19 Nov 2023 22:13:20 +0000"))
        #expect(!group.contains { $0.hasPrefix("Remote-MTA") })
        // Delay reports return the header only, whatever RET says.
        #expect(dsn.children.last?.subtype == "rfc822-headers")
        #expect(dsn.body(dsn.children[0]).contains("Sun, 19 Nov 2023 22:13:20 +0000"))

        // NOTIFY=FAILURE alone excludes delays.
        var failureOnly = delayed
        failureOnly.recipient.notify = .failure
        #expect(Self.compose(Self.envelope(), [failureOnly]) == nil)
    }

    @Test func recipientsWhoseNotifyExcludesTheActionAreLeftOut() throws {
        var quiet = Self.failedBob
        quiet.recipient = OutboundRecipient(address: "quiet@example.org", notify: .never)
        let dsn = ParsedDSN(try #require(Self.compose(Self.envelope(), [quiet, Self.failedBob])))
        #expect(dsn.statusGroups.count == 2)
        #expect(!dsn.text.contains("quiet@example.org"))
    }

    @Test func longDiagnosticIsFoldedUnder998Octets() throws {
        var status = Self.failedBob
        let words = (0..<200).map { "word\($0)" }.joined(separator: " ")
        let unbroken = String(repeating: "y", count: 1500)
        status.diagnosticCode = "550 5.7.1 " + words + " " + unbroken + "\r\n550 5.7.1 second line"
        let bytes = try #require(Self.compose(Self.envelope(), [status]))
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let longest = lines.map(\.utf8.count).max() ?? 0
        #expect(longest <= 998)
        let dsn = ParsedDSN(bytes)
        #expect(dsn.children.count == 3)
        let field = try #require(dsn.statusGroups.last?.first { $0.hasPrefix("Diagnostic-Code:") })
        #expect(field.hasPrefix("Diagnostic-Code: smtp; 550 5.7.1 word0"))
        // The reply's own line break did not end the field.
        let unfolded = dsn.body(dsn.children[1]).replacingOccurrences(of: "\r\n ", with: " ")
        #expect(unfolded.contains("550 5.7.1 second line"))
        #expect(unfolded.contains(String(repeating: "y", count: 800)))
    }

    @Test func hugeDiagnosticIsCut() throws {
        var status = Self.failedBob
        status.diagnosticCode = "550 " + String(repeating: "z ", count: 100_000)
        let bytes = try #require(Self.compose(Self.envelope(), [status]))
        #expect(bytes.count < 16_000)
        #expect(ParsedDSN(bytes).children.count == 3)
    }

    @Test func eightBitOriginalIsLabeled8bit() throws {
        let original = Array("From: a@example.com\r\nSubject: hi\r\n\r\nGr\u{FC}\u{DF}e aus K\u{F6}ln\r\n".utf8)
        let dsn = ParsedDSN(try #require(Self.compose(Self.envelope(), [Self.failedBob], original: original)))
        let returned = try #require(dsn.children.last)
        #expect(returned.subtype == "rfc822")
        #expect(returned.contentTransferEncoding == "8bit")
        #expect(dsn.header("Content-Transfer-Encoding") == "8bit")
        // A 7-bit original gets no such label.
        let plain = ParsedDSN(try #require(Self.compose(Self.envelope(), [Self.failedBob])))
        #expect(plain.children.last?.contentTransferEncoding == "7bit")
        #expect(!plain.partHeader(try #require(plain.children.last)).contains("Content-Transfer-Encoding"))
    }

    @Test func utf8HeaderUsesGlobalTypes() throws {
        let original = Array("From: J\u{FC}rgen <j\u{FC}rgen@example.de>\r\nSubject: Gr\u{FC}\u{DF}e\r\n\r\nText\r\n".utf8)
        let full = ParsedDSN(try #require(Self.compose(Self.envelope(), [Self.failedBob], original: original)))
        #expect(full.children.last.map { "\($0.type)/\($0.subtype)" } == "message/global")
        let headers = ParsedDSN(try #require(Self.compose(Self.envelope(returnsFullMessage: false), [Self.failedBob],
                                                          original: original)))
        #expect(headers.children.last.map { "\($0.type)/\($0.subtype)" } == "message/global-headers")
        #expect(headers.children.last?.contentTransferEncoding == "8bit")
    }

    @Test func internationalizedRecipientUsesGlobalDeliveryStatus() throws {
        let recipient = OutboundRecipient(address: "m\u{FC}ller@example.de", originalRecipient: "utf-8;m\u{FC}ller@example.de")
        let status = RecipientDeliveryStatus(recipient: recipient, action: .failed, status: SMTPEnhancedStatusCode(5, 1, 1))
        let dsn = ParsedDSN(try #require(Self.compose(Self.envelope(), [status])))
        #expect(dsn.children[1].subtype == "global-delivery-status")
        #expect(dsn.statusGroups.last?.contains("Original-Recipient: utf-8; m\u{FC}ller@example.de") == true)
        #expect(dsn.statusGroups.last?.contains("Final-Recipient: utf-8; m\u{FC}ller@example.de") == true)
    }

    @Test func boundaryAvoidsTheContent() throws {
        let plain = ParsedDSN(try #require(Self.compose(Self.envelope(), [Self.failedBob])))
        let boundary = try #require(plain.root.parameters.value(named: "boundary"))
        #expect(boundary == "=_0_dsn-Q123mx.martlet.test")
        // An original that holds that delimiter (and the next candidate) gets another boundary.
        let hostileText: String = "Subject: trap\r\n\r\n--\(boundary)\r\nContent-Type: text/plain\r\n\r\nx\r\n"
            + "--=_1_dsn-Q123mx.martlet.test--\r\n"
        let hostile = Array(hostileText.utf8)
        let bytes = try #require(Self.compose(Self.envelope(), [Self.failedBob], original: hostile))
        let dsn = ParsedDSN(bytes)
        let chosen = try #require(dsn.root.parameters.value(named: "boundary"))
        #expect(chosen == "=_2_dsn-Q123mx.martlet.test")
        #expect(dsn.children.count == 3)
        #expect(dsn.children.last.map { Array(bytes[$0.bodyRange]) } == hostile)
    }

    @Test func manyRecipientsAreAllListed() throws {
        let statuses = (0..<2000).map { index in
            RecipientDeliveryStatus(recipient: OutboundRecipient(address: "user\(index)@example.org"), action: .failed,
                                    status: SMTPEnhancedStatusCode(5, 1, 1), diagnosticCode: "550 5.1.1 unknown")
        }
        let dsn = ParsedDSN(try #require(Self.compose(Self.envelope(), statuses)))
        #expect(dsn.statusGroups.count == 2001)
        #expect(dsn.statusGroups.last?.contains("Final-Recipient: rfc822; user1999@example.org") == true)
    }

    @Test func pythonEmailPackageReadsTheReport() async throws {
        let bytes = try #require(Self.compose(Self.envelope(envelopeID: "ENV1"), [Self.failedBob]))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.appending("dsn.eml")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let script = """
            import email, sys
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read())
            print(m.get_content_type())
            print(m.get_param('report-type'))
            parts = m.get_payload()
            print(len(parts))
            print(parts[1].get_content_type())
            blocks = parts[1].get_payload()
            print(blocks[0]['Reporting-MTA'])
            print(blocks[1]['Final-Recipient'])
            print(blocks[1]['Action'])
            print(blocks[1]['Status'])
            print(parts[2].get_content_type())
            print(parts[2].get_payload()[0]['Message-ID'])
            print(len(m.defects) + sum(len(p.defects) for p in m.walk()))
            """
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.outputLines == [
            "multipart/report", "delivery-status", "3", "message/delivery-status", "dns; mx.martlet.test",
            "rfc822; bob@example.org", "failed", "5.1.1", "message/rfc822", "<orig-1@example.com>", "0",
        ])
    }
}

private extension Array where Element == UInt8 {
    /// The octets cut into CRLF lines of 76.
    func chunkedLines() -> [UInt8] {
        stride(from: 0, to: count, by: 76).flatMap { Array(self[$0..<Swift.min($0 + 76, count)]) + [13, 10] }
    }
}
