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
    /// The trace fields to prepend (`Return-Path:`, `Received:`).
    let traceHeaders: [UInt8]
    /// The content received so far, exactly as the client sent it (dot-unstuffed).
    private(set) var content: [UInt8] = []

    /// Starts receiving a message whose recipients reach `accounts`.
    public init(envelope: SMTPEnvelope, accounts: [LocalRecipient], id: String, hostname: String) {
        self.envelope = envelope
        self.id = id
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
