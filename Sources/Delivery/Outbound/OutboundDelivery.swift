import MailCore
import MailStore
import SMTPProtocol

/// The claimed recipients of one queue entry for one destination, as the message an SMTP
/// client session sends. Recipients whose address cannot be written in SMTP are kept apart:
/// they fail without being tried.
public struct OutboundDelivery: Sendable {
    /// The claim this delivery settles.
    public let claim: QueueClaim
    /// The transaction to run; nil when no claimed recipient has a usable address.
    public let message: SMTPOutboundMessage?
    /// The queue position of each recipient of `message`, in the same order.
    public let positions: [Int]
    /// Claimed recipients that cannot be sent to at all, with the reason.
    public let unusable: [(position: Int, reason: String)]

    public init(claim: QueueClaim) {
        self.claim = claim
        let envelope = claim.entry.envelope
        var recipients: [SMTPEnvelopeRecipient] = []
        var positions: [Int] = []
        var unusable: [(position: Int, reason: String)] = []
        for queued in claim.recipients {
            do {
                let address = try EmailAddress(parsing: queued.recipient.address)
                recipients.append(SMTPEnvelopeRecipient(
                    path: .mailbox(address), parameters: Self.parameters(of: queued.recipient)))
                positions.append(queued.position)
            } catch {
                unusable.append((queued.position, "the address \(queued.recipient.address) is invalid: \(error)"))
            }
        }
        self.positions = positions
        self.unusable = unusable
        let sender: SMTPReversePath
        if envelope.sender.isEmpty {
            sender = .null
        } else if let address = try? EmailAddress(parsing: envelope.sender) {
            sender = .mailbox(address)
        } else {
            // A sender that was accepted once always parses; should it not, deliver as a bounce
            // would be (no notification can reach it anyway).
            sender = .null
        }
        guard !recipients.isEmpty else {
            self.message = nil
            return
        }
        self.message = SMTPOutboundMessage(
            identifier: envelope.queueID, sender: sender, recipients: recipients, size: claim.entry.size,
            containsEightBitData: envelope.has8BitContent, headerRequiresSMTPUTF8: envelope.requiresSMTPUTF8,
            returnContent: envelope.returnsFullMessage.map { $0 ? .full : .headers },
            envelopeID: envelope.envelopeID)
    }

    /// NOTIFY and ORCPT as the queue keeps them (ORCPT as `type;address`, decoded).
    private static func parameters(of recipient: OutboundRecipient) -> SMTPRecipientParameters {
        var parameters = SMTPRecipientParameters()
        if let notify = recipient.notify {
            parameters.notify = SMTPNotifyConditions(rawValue: UInt8(truncatingIfNeeded: notify.rawValue))
        }
        if let original = recipient.originalRecipient, let separator = original.firstIndex(of: ";") {
            parameters.originalRecipient = SMTPOriginalRecipient(
                addressType: original[..<separator].lowercased(),
                address: String(original[original.index(after: separator)...]))
        }
        return parameters
    }
}

extension OutboundDelivery {
    /// The stored message as it is relayed: without the `Return-Path:` field(s) our final
    /// delivery put at the top, since RFC 5321 §4.4 leaves that field to the final delivery
    /// and asks relays not to send a message that has one.
    public static func relayedContent(_ stored: [UInt8]) -> [UInt8] {
        let prefix = Array("return-path:".utf8)
        var start = 0
        while stored.count - start >= prefix.count,
              zip(stored[start ..< start + prefix.count], prefix).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
            // Skip the field and its folded continuation lines.
            var end = start
            repeat {
                guard let lineFeed = stored[end...].firstIndex(of: 10) else { return stored }
                end = lineFeed + 1
            } while end < stored.count && (stored[end] == 32 || stored[end] == 9)
            start = end
        }
        return start == 0 ? stored : Array(stored[start...])
    }
}

