import Foundation
import MailStore
import SMTPProtocol

/// What the queue records after one attempt at a claim, and which notifications it owes the
/// sender: the attempt results (with the next retry or the give-up decided here), the failed
/// recipients for a bounce, the deferred ones due a delay notice, and the successes to report.
public struct AttemptSettlement: Sendable {
    /// One per claimed recipient, for ``OutboundQueueStore/recordAttempts(_:)``.
    public private(set) var results: [DeliveryAttemptResult] = []
    /// Recipients that failed for good in this attempt (refused, or expired): the bounce.
    public private(set) var failed: [RecipientDeliveryStatus] = []
    /// Recipients deferred long enough to owe the sender a delay notice, and their positions
    /// (to mark them notified).
    public private(set) var delayed: [RecipientDeliveryStatus] = []
    public private(set) var delayedPositions: [Int] = []
    /// Recipients delivered whose sender asked for NOTIFY=SUCCESS and whose next hop will not
    /// send it: we report them "relayed" (RFC 3461 §5.2.2).
    public private(set) var relayed: [RecipientDeliveryStatus] = []

    /// Settles `claim` with the `outcomes` of its recipients by position. A claimed recipient
    /// without an outcome is deferred.
    public init(claim: QueueClaim, outcomes: [Int: RecipientAttemptOutcome], schedule: RetrySchedule, now: Date) {
        let entry = claim.entry
        for queued in claim.recipients {
            let outcome = outcomes[queued.position]
                ?? .deferred(SMTPEnhancedStatusCode(4, 0, 0), "the attempt ended without an outcome for this recipient")
            let notify = queued.recipient.notify
            switch outcome.kind {
            case .delivered(let passedOn):
                results.append(DeliveryAttemptResult(queueID: entry.envelope.queueID, position: queued.position,
                                                     outcome: .delivered(reply: outcome.summary)))
                if !passedOn, notify?.contains(.success) == true {
                    relayed.append(Self.status(queued, outcome, action: .relayed, now: now))
                }
            case .failed:
                results.append(DeliveryAttemptResult(queueID: entry.envelope.queueID, position: queued.position,
                                                     outcome: .failed(reason: outcome.summary)))
                // RFC 3461 §4.1: without NOTIFY, failures are reported.
                if notify == nil || notify?.contains(.failure) == true {
                    failed.append(Self.status(queued, outcome, action: .failed, now: now))
                }
            case .deferred:
                let retryAt = schedule.nextAttempt(afterFailedAttempts: queued.attempts + 1, now: now)
                if retryAt > entry.envelope.expires {
                    // Give up: RFC 3463 X.4.7, delivery time expired.
                    var expired = outcome
                    expired.status = SMTPEnhancedStatusCode(4, 4, 7)
                    expired.diagnostic = "gave up after \(queued.attempts + 1) attempts over "
                        + "\(Self.age(of: entry, now: now)); last error: \(outcome.diagnostic)"
                    results.append(DeliveryAttemptResult(queueID: entry.envelope.queueID, position: queued.position,
                                                         outcome: .failed(reason: expired.summary)))
                    if notify == nil || notify?.contains(.failure) == true {
                        failed.append(Self.status(queued, expired, action: .failed, now: now))
                    }
                    continue
                }
                results.append(DeliveryAttemptResult(queueID: entry.envelope.queueID, position: queued.position,
                                                     outcome: .deferred(reason: outcome.summary, retryAt: retryAt)))
                // RFC 3461 §4.1: without NOTIFY, delay notices are the server's choice; we send one.
                let wantsDelay = notify == nil || notify?.contains(.delay) == true
                if wantsDelay, !queued.delayNotified,
                   now.timeIntervalSince(entry.created) >= schedule.delayNoticeAfter.timeInterval {
                    var status = Self.status(queued, outcome, action: .delayed, now: now)
                    status.willRetryUntil = entry.envelope.expires
                    delayed.append(status)
                    delayedPositions.append(queued.position)
                }
            }
        }
    }

    private static func status(_ queued: QueuedRecipient, _ outcome: RecipientAttemptOutcome,
                               action: DeliveryStatusAction, now: Date) -> RecipientDeliveryStatus {
        RecipientDeliveryStatus(
            recipient: queued.recipient, action: action, status: outcome.status,
            remoteMTA: outcome.remoteHost.map { "dns; \($0)" },
            // RFC 3464 §2.3.6: the diagnostic type names who produced the text; a local reason
            // uses an X- type, as other MTAs do.
            diagnosticCode: (outcome.diagnosticIsServerReply ? "smtp; " : "X-Martlet; ") + outcome.diagnostic,
            lastAttempt: now)
    }

    private static func age(of entry: QueueEntry, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(entry.created)))
        if seconds >= 86_400 { return "\(seconds / 86_400) days" }
        if seconds >= 3600 { return "\(seconds / 3600) hours" }
        return "\(seconds) seconds"
    }
}
