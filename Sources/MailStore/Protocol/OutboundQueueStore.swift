import Foundation

/// The durable outbound queue: messages for remote recipients, each recipient with its own
/// state, survive restarts and crashes. Every change is durable when the method returns.
public protocol OutboundQueueStore: Sendable {
    /// Signalled after a commit that queued recipients or made them due (`accept` with remote
    /// recipients, `flushQueue`), so the queue runner in this process need not poll.
    var queueActivity: QueueActivitySignal { get }

    /// Saves one message for the local targets and, when `outbound` is given, puts it in the
    /// queue for its remote recipients — all in ONE durable commit, so a message the SMTP
    /// server acknowledged is either wholly stored or not at all. Throws
    /// `noDeliveryTargets` when there are neither local targets nor remote recipients, and
    /// `queueEntryExists` for a queue ID in use.
    @discardableResult
    func accept(_ message: IncomingMessage, localTargets: [DeliveryTarget], outbound: OutboundEnvelope?) async throws(MailStoreError) -> AcceptanceReceipt

    /// Hands out up to `limit` claims of due recipients (pending, or deferred with a next
    /// attempt not after `now`), grouped by message and destination domain, oldest first, and
    /// leases them to `owner` until `leaseEnds`. Recipients leased to a runner are not handed
    /// out again before the lease ends — not even to another process on the same store.
    func claimDueRecipients(now: Date, owner: String, leaseEnds: Date, limit: Int) async throws(MailStoreError) -> [QueueClaim]
    /// The message octets of a queue entry.
    func queuedContent(of queueID: String) async throws(MailStoreError) -> [UInt8]
    /// Records attempts and ends the leases of their recipients. An entry whose recipients are
    /// all delivered or failed leaves the queue; the entries as they stood after the update
    /// are returned (the caller writes DSNs from them).
    @discardableResult
    func recordAttempts(_ results: [DeliveryAttemptResult]) async throws(MailStoreError) -> [QueueEntry]
    /// Marks that a delay notice was sent for these recipients.
    func markDelayNotified(queueID: String, positions: [Int]) async throws(MailStoreError)

    /// Every queue entry, oldest first (`martlet queue list`).
    func queueEntries() async throws(MailStoreError) -> [QueueEntry]
    /// One entry, or nil.
    func queueEntry(_ queueID: String) async throws(MailStoreError) -> QueueEntry?
    /// Makes the unfinished recipients of one entry (or of all, when nil) due now and ends
    /// their leases; returns how many recipients were affected (`martlet queue flush`).
    @discardableResult
    func flushQueue(_ queueID: String?, now: Date) async throws(MailStoreError) -> Int
    /// Removes an entry without delivering or bouncing it (`martlet queue remove`).
    func removeFromQueue(_ queueID: String) async throws(MailStoreError)
}
