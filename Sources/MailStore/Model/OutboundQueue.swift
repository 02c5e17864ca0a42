import Foundation

/// Which delivery status notifications a recipient asked for (RFC 3461 §4.1 `NOTIFY`).
public struct DeliveryNotifications: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let success = DeliveryNotifications(rawValue: 1)
    public static let failure = DeliveryNotifications(rawValue: 2)
    public static let delay = DeliveryNotifications(rawValue: 4)
    /// `NOTIFY=NEVER`.
    public static let never: DeliveryNotifications = []
}

/// One recipient of a message waiting for outbound delivery.
public struct OutboundRecipient: Hashable, Sendable {
    /// The forward path, `local@domain`.
    public var address: String
    /// `NOTIFY`; nil when the sender did not say (RFC 3461 §4.1: failures, and delays at
    /// the server's discretion, are then reported).
    public var notify: DeliveryNotifications?
    /// `ORCPT` as given (`addr-type;xtext`), for the DSN.
    public var originalRecipient: String?

    public init(address: String, notify: DeliveryNotifications? = nil, originalRecipient: String? = nil) {
        self.address = address
        self.notify = notify
        self.originalRecipient = originalRecipient
    }

    /// The domain part, lower-cased: the destination the queue groups deliveries by.
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return address[address.index(after: at)...].lowercased()
    }
}

/// The envelope of a message accepted for outbound delivery.
public struct OutboundEnvelope: Hashable, Sendable {
    /// The identifier the SMTP reply and `martlet queue` show.
    public var queueID: String
    /// The reverse path; empty for the null sender `<>` (no bounce is ever sent to it).
    public var sender: String
    public var recipients: [OutboundRecipient]
    /// `ENVID` (RFC 3461 §4.4).
    public var envelopeID: String?
    /// `RET=FULL` (true) or `RET=HDRS` (false); nil when not given.
    public var returnsFullMessage: Bool?
    /// Declared `BODY=8BITMIME` (or the content has 8-bit octets).
    public var has8BitContent: Bool
    /// Declared `SMTPUTF8`: the next hop must offer it.
    public var requiresSMTPUTF8: Bool
    /// When the queue gives up and bounces what is still undelivered.
    public var expires: Date

    public init(queueID: String, sender: String, recipients: [OutboundRecipient], envelopeID: String? = nil,
                returnsFullMessage: Bool? = nil, has8BitContent: Bool = false, requiresSMTPUTF8: Bool = false,
                expires: Date) {
        self.queueID = queueID
        self.sender = sender
        self.recipients = recipients
        self.envelopeID = envelopeID
        self.returnsFullMessage = returnsFullMessage
        self.has8BitContent = has8BitContent
        self.requiresSMTPUTF8 = requiresSMTPUTF8
        self.expires = expires
    }
}

/// Where a queued recipient stands.
public enum QueuedRecipientState: Int, Hashable, Sendable, CustomStringConvertible {
    /// Not tried yet.
    case pending = 0
    /// Tried and refused for now; tried again at `nextAttempt`.
    case deferred = 1
    /// Accepted by the next hop.
    case delivered = 2
    /// Refused for good, or expired.
    case failed = 3

    /// Delivered or failed: nothing more is tried.
    public var isFinal: Bool { self == .delivered || self == .failed }

    public var description: String {
        switch self {
        case .pending: "pending"
        case .deferred: "deferred"
        case .delivered: "delivered"
        case .failed: "failed"
        }
    }
}

/// One recipient of a queue entry, as it stands.
public struct QueuedRecipient: Hashable, Sendable {
    /// The recipient's place in its message's envelope (stable; identifies it).
    public let position: Int
    public let recipient: OutboundRecipient
    public let state: QueuedRecipientState
    public let attempts: Int
    /// When it is due (for pending and deferred recipients).
    public let nextAttempt: Date
    /// The last reply or error, for `martlet queue show` and the DSN.
    public let lastResult: String?
    /// Whether a delay notice was sent for it.
    public let delayNotified: Bool

    public init(position: Int, recipient: OutboundRecipient, state: QueuedRecipientState, attempts: Int,
                nextAttempt: Date, lastResult: String?, delayNotified: Bool) {
        self.position = position
        self.recipient = recipient
        self.state = state
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.lastResult = lastResult
        self.delayNotified = delayNotified
    }
}

/// A message in the outbound queue with all its recipients.
public struct QueueEntry: Hashable, Sendable {
    public let envelope: OutboundEnvelope
    public let size: Int
    public let created: Date
    public let recipients: [QueuedRecipient]

    public init(envelope: OutboundEnvelope, size: Int, created: Date, recipients: [QueuedRecipient]) {
        self.envelope = envelope
        self.size = size
        self.created = created
        self.recipients = recipients
    }
}

/// Recipients of one message for one destination domain, handed to one queue runner, which
/// holds them until `leaseEnds`: no other runner is given them before then (a runner that
/// dies loses its lease, and the recipients become due again).
public struct QueueClaim: Hashable, Sendable {
    public let entry: QueueEntry
    public let domain: String
    /// Positions of the claimed recipients (all of `domain`, pending or deferred and due).
    public let positions: [Int]
    public let owner: String
    public let leaseEnds: Date

    public init(entry: QueueEntry, domain: String, positions: [Int], owner: String, leaseEnds: Date) {
        self.entry = entry
        self.domain = domain
        self.positions = positions
        self.owner = owner
        self.leaseEnds = leaseEnds
    }

    /// The claimed recipients.
    public var recipients: [QueuedRecipient] {
        let wanted = Set(positions)
        return entry.recipients.filter { wanted.contains($0.position) }
    }
}

/// What became of one attempt to deliver a claimed recipient.
public struct DeliveryAttemptResult: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        case delivered(reply: String)
        /// Try again at `retryAt` (the runner computes the backoff).
        case deferred(reason: String, retryAt: Date)
        case failed(reason: String)
    }

    public let queueID: String
    public let position: Int
    public let outcome: Outcome

    public init(queueID: String, position: Int, outcome: Outcome) {
        self.queueID = queueID
        self.position = position
        self.outcome = outcome
    }
}

/// What accepting a message did: the local copies and the queue entry, if any.
public struct AcceptanceReceipt: Hashable, Sendable {
    /// One per local target, in order.
    public let saved: [SavedMessage]
    /// The queue entry's identifier when the message has remote recipients.
    public let queueID: String?
    public let sha256: String
    public let size: Int

    public init(saved: [SavedMessage], queueID: String?, sha256: String, size: Int) {
        self.saved = saved
        self.queueID = queueID
        self.sha256 = sha256
        self.size = size
    }
}
