import Foundation
import MailCore
import MailStore

/// Sends delivery status notifications to a message's envelope sender: into the local
/// mailbox when the sender is one of our accounts, otherwise through the queue with the null
/// reverse path, so a notification is never answered with another (RFC 5321 §4.5.5).
public struct NotificationDelivery: Sendable {
    private let store: any MailStore
    private let hostname: String
    private let lifetime: TimeInterval
    private let senderRewriting: SenderRewritingScheme?

    /// - Parameters:
    ///   - hostname: the reporting MTA's name (the DSN's From: and Reporting-MTA).
    ///   - lifetime: how long a queued notification is tried.
    ///   - senderRewriting: reverses the SRS senders of forwarded mail, so their notifications
    ///     reach the original sender.
    public init(store: any MailStore, hostname: String, lifetime: TimeInterval,
                senderRewriting: SenderRewritingScheme? = nil) {
        self.store = store
        self.hostname = hostname
        self.lifetime = lifetime
        self.senderRewriting = senderRewriting
    }

    /// What became of a notification.
    public enum Disposition: Sendable, Hashable {
        /// Nothing to send: the sender is null, or asked for no notification of this kind.
        case notNeeded
        /// Saved in the sender's local mailbox.
        case deliveredLocally
        /// Queued for the sender's server under this queue ID.
        case queued(String)
        /// The sender's address is local but reaches nobody, or is not an address.
        case undeliverable(String)
    }

    /// Composes and sends the notification of `statuses` for `entry`. Throws only when the
    /// store could not take the notification (the caller keeps the recipients' state as it
    /// was, so the notification is composed again on the next attempt).
    public func send(_ statuses: [RecipientDeliveryStatus], for entry: QueueEntry, originalMessage: [UInt8],
                     now: Date) async throws(MailStoreError) -> Disposition {
        let envelope = entry.envelope
        guard !statuses.isEmpty, !envelope.sender.isEmpty else { return .notNeeded }
        let identifier = MessageIdentifier.make()
        guard let message = DeliveryStatusNotification.compose(
            envelope: envelope, arrivalDate: entry.created, statuses: statuses, originalMessage: originalMessage,
            reportingHost: hostname, now: now, messageID: "\(identifier)@\(hostname)")
        else { return .notNeeded }
        var address: EmailAddress
        do {
            address = try EmailAddress(parsing: envelope.sender)
        } catch {
            return .undeliverable("the sender \(envelope.sender) is not an address")
        }
        // A forwarded message carries our SRS sender: its notification goes to the original
        // sender, as a bounce arriving over SMTP would (SRS0/SRS1 may nest once).
        for _ in 0..<2 {
            guard let senderRewriting, SenderRewritingScheme.looksRewritten(address.localPart),
                  try await store.resolveRecipient(address) != .nonLocalDomain else { break }
            do {
                address = try senderRewriting.reverse(address, now: now)
            } catch {
                return .undeliverable("the SRS sender \(envelope.sender) does not verify: \(error)")
            }
        }
        let recipient = address.description
        switch try await store.resolveRecipient(address) {
        case .local(let recipients) where !recipients.accounts.isEmpty:
            let targets = recipients.accounts.map { DeliveryTarget(account: $0.account) }
            try await store.accept(.bytes(message), localTargets: targets, outbound: nil)
            return .deliveredLocally
        case .local, .unknownUser:
            return .undeliverable("the sender \(recipient) reaches no local account")
        case .nonLocalDomain:
            let outbound = OutboundEnvelope(
                queueID: identifier, sender: "", recipients: [OutboundRecipient(address: recipient)],
                has8BitContent: message.contains { $0 >= 0x80 }, expires: now.addingTimeInterval(lifetime))
            try await store.accept(.bytes(message), localTargets: [], outbound: outbound)
            return .queued(identifier)
        }
    }
}
