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
    /// The trace fields to prepend (`Return-Path:`, `Received:`).
    let traceHeaders: [UInt8]
    /// The content received so far, exactly as the client sent it (dot-unstuffed).
    private(set) var content: [UInt8] = []

    /// Starts receiving a message whose recipients reach `accounts` and `remoteRecipients`.
    public init(envelope: SMTPEnvelope, accounts: [LocalRecipient], remoteRecipients: [OutboundRecipient] = [],
                id: String, hostname: String) {
        self.envelope = envelope
        self.id = id
        self.remoteRecipients = remoteRecipients
        var seen = Set<AccountID>()
        self.accounts = accounts.filter { seen.insert($0.account).inserted }
        self.traceHeaders = TraceHeaders.prefix(for: envelope, id: id, hostname: hostname)
    }

    /// Adds the next part of the content.
    public mutating func append(_ chunk: [UInt8]) {
        content.append(contentsOf: chunk)
    }

    /// Octets received so far.
    public var receivedOctets: Int { content.count }
}

extension MessageReception {
    /// Where the message goes: the local accounts and remote recipients of its accepted
    /// recipients' routes (`routes` is keyed by the RCPT path).
    public init(envelope: SMTPEnvelope, routes: [SMTPForwardPath: RecipientRoute], id: String, hostname: String) {
        var accounts: [LocalRecipient] = []
        var remote: [OutboundRecipient] = []
        for recipient in envelope.recipients {
            switch routes[recipient.path] {
            case .local(let reached): accounts += reached
            case .remote(let address):
                let parameters = recipient.parameters
                remote.append(OutboundRecipient(
                    address: address.description,
                    notify: parameters.notify.map { DeliveryNotifications(rawValue: Int($0.rawValue)) },
                    originalRecipient: parameters.originalRecipient.map { "\($0.addressType);\($0.address)" }))
            case nil: continue
            }
        }
        self.init(envelope: envelope, accounts: accounts, remoteRecipients: remote, id: id, hostname: hostname)
    }
}
