import MailStore
import SMTPProtocol

/// One message arriving over SMTP: its envelope, the local accounts its recipients reach,
/// and its content as the session hands it over.
public struct MessageReception: Sendable {
    /// The envelope the session gave at `beginMessage`.
    public let envelope: SMTPEnvelope
    /// This server's identifier for the message (the `Received:` id and the queue ID).
    public let id: String
    /// The accounts the accepted recipients reach, without duplicates, in RCPT order.
    public let accounts: [LocalRecipient]
    /// The accepted recipients at other servers, in RCPT order, with their DSN parameters.
    public let remoteRecipients: [OutboundRecipient]
    /// The domain of the first forwarded address (an alias or an SRS address of ours) whose
    /// copies go to other servers, or nil when no remote recipient was reached by forwarding.
    /// When set, the queue entry's sender is rewritten with SRS at this domain (MX only).
    public let forwarderDomain: String?
    /// Recipients delivered here (not forwarded) that asked for NOTIFY=SUCCESS: each gets a
    /// "delivered" notification once the message is committed (RFC 3461 §5.2.3).
    public let successNotifiedRecipients: [OutboundRecipient]
    /// The DNS block lists (zones) that list the client's address, for the spam filter.
    public var blockListings: [String] = []
    /// The trace fields to prepend (`Return-Path:`, `Received:`).
    let traceHeaders: [UInt8]
    /// The content received so far, exactly as the client sent it (dot-unstuffed); once the
    /// message goes to a spool file, only its beginning (which holds the header section).
    private(set) var content: [UInt8] = []
    /// The spool file holding the whole message (the fields ``LocalDelivery/prefix(for:)``
    /// gives, then the content), when it was too large to keep in memory.
    public private(set) var spoolFile: SpoolFile?
    /// Octets written to the spool file after `content`.
    private var spooledOctets = 0

    /// Starts receiving a message whose recipients reach `accounts` and `remoteRecipients`;
    /// `forwarderDomain` is set when some remote recipients were reached by forwarding.
    public init(envelope: SMTPEnvelope, accounts: [LocalRecipient], remoteRecipients: [OutboundRecipient] = [],
                forwarderDomain: String? = nil, successNotifiedRecipients: [OutboundRecipient] = [], id: String,
                hostname: String) {
        self.envelope = envelope
        self.id = id
        self.remoteRecipients = remoteRecipients
        self.forwarderDomain = forwarderDomain
        self.successNotifiedRecipients = successNotifiedRecipients
        var seen = Set<AccountID>()
        self.accounts = accounts.filter { seen.insert($0.account).inserted }
        self.traceHeaders = TraceHeaders.prefix(for: envelope, id: id, hostname: hostname)
    }

    /// Adds the next part of the content.
    public mutating func append(_ chunk: [UInt8]) {
        content.append(contentsOf: chunk)
    }

    /// The content kept in memory so far.
    public var contentInMemory: [UInt8] { content }

    /// Counts `octets` the caller wrote to the spool file instead of appending them.
    public mutating func countSpooled(_ octets: Int) {
        spooledOctets += octets
    }

    /// The message is complete in `file`: the prefix, the content in memory, and what was
    /// spooled after it.
    public mutating func completeInSpool(_ file: SpoolFile) {
        spoolFile = file
    }

    /// Octets received so far.
    public var receivedOctets: Int { content.count + spooledOctets }
}

extension MessageReception {
    /// Where the message goes: the local accounts and remote recipients of its accepted
    /// recipients' routes (`routes` is keyed by the RCPT path). A remote address reached
    /// through several recipients is queued once.
    public init(envelope: SMTPEnvelope, routes: [SMTPForwardPath: RecipientRoute], id: String, hostname: String) {
        var accounts: [LocalRecipient] = []
        var remote: [OutboundRecipient] = []
        var queued = Set<String>()
        var forwarderDomain: String?
        var successNotified: [OutboundRecipient] = []
        for recipient in envelope.recipients {
            let parameters = recipient.parameters
            let notify = parameters.notify.map { DeliveryNotifications(rawValue: Int($0.rawValue)) }
            let originalRecipient = parameters.originalRecipient.map { "\($0.addressType);\($0.address)" }
            switch routes[recipient.path] {
            case .local(let reached):
                accounts += reached
                if let notify, notify.contains(.success), let address = recipient.path.address {
                    successNotified.append(OutboundRecipient(address: address.description, notify: notify,
                                                             originalRecipient: originalRecipient))
                }
            case .remote(let address):
                if queued.insert(address.description).inserted {
                    remote.append(OutboundRecipient(address: address.description, notify: notify,
                                                    originalRecipient: originalRecipient))
                }
            case .forwarded(let reached, let targets, let domain):
                accounts += reached
                for address in targets where queued.insert(address.description).inserted {
                    remote.append(OutboundRecipient(address: address.description, notify: notify,
                                                    originalRecipient: originalRecipient))
                    forwarderDomain = forwarderDomain ?? domain
                }
            case nil: continue
            }
        }
        self.init(envelope: envelope, accounts: accounts, remoteRecipients: remote, forwarderDomain: forwarderDomain,
                  successNotifiedRecipients: successNotified, id: id, hostname: hostname)
    }
}
