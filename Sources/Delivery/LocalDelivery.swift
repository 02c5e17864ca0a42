import Foundation
import MailCore
import MailStore
import SMTPProtocol

/// Commits received messages into the local store: one durable commit per message for all
/// its local recipients (the 250 is sent only after it), with the trace fields prepended,
/// and on submission the fields RFC 6409 §8 lets a submission server add and the From:
/// addresses checked against the authenticated user. Remote recipients go into the outbound
/// queue in the same commit.
public struct LocalDelivery: Sendable {
    private let store: any MailStore
    private let ownership: SenderOwnership
    private let limits: Limits
    private let hostname: String
    private let senderRewriting: SenderRewritingScheme?
    private let notifications: NotificationDelivery
    private let authenticator: InboundMessageAuthenticator?
    private let keyring: DKIMKeyring?
    private let contentFilters: [any ContentFilter]

    /// Delivery into `store`. With `senderRewriting`, a message received from another server
    /// (MX) and forwarded to other servers is queued with its sender rewritten with SRS. With
    /// `authenticator`, mail from other servers is checked (SPF, DKIM, ARC, DMARC) and the
    /// results recorded; with `keyring`, submitted mail is DKIM-signed for its From: domain.
    /// `contentFilters` (virus scanner, spam filter) examine every message after that, in order.
    public init(store: any MailStore, limits: Limits, hostname: String, senderRewriting: SenderRewritingScheme? = nil,
                authenticator: InboundMessageAuthenticator? = nil, keyring: DKIMKeyring? = nil,
                contentFilters: [any ContentFilter] = []) {
        self.authenticator = authenticator
        self.contentFilters = contentFilters
        self.keyring = keyring
        self.store = store
        self.ownership = SenderOwnership(directory: store)
        self.limits = limits
        self.hostname = hostname
        self.senderRewriting = senderRewriting
        self.notifications = NotificationDelivery(store: store, hostname: hostname,
                                                  lifetime: TimeInterval(limits.queueLifetimeSeconds),
                                                  senderRewriting: senderRewriting)
    }

    /// What goes before the content in the stored message: the trace fields and, on
    /// submission, the Date: and Message-ID: the client left out (RFC 6409 §8.2, §8.3). It
    /// depends only on the envelope and the header section, so a large message can be
    /// spooled with it before its end arrives.
    public func prefix(for reception: MessageReception) -> [UInt8] {
        guard reception.envelope.listenerKind != .mx else { return reception.traceHeaders }
        return prefix(for: reception, header: parsedHeader(of: reception))
    }

    private func prefix(for reception: MessageReception, header parsed: ParsedMessage) -> [UInt8] {
        var added = ""
        if parsed.header.fields(named: "Date").isEmpty {
            added += "Date: \(reception.envelope.receivedAt.rfc5322Text)\r\n"
        }
        if parsed.header.fields(named: "Message-ID").isEmpty {
            added += "Message-ID: <\(reception.id)@\(hostname)>\r\n"
        }
        return reception.traceHeaders + Array(added.utf8)
    }

    /// Commits `reception` and returns what the session answers. A spooled reception's file
    /// already holds ``prefix(for:)`` and the whole content; the store adopts it, or removes
    /// it when the message is refused.
    public func commit(_ reception: MessageReception) async -> SMTPCommitOutcome {
        // Submission: the header is parsed once, for the From: check and the added fields.
        let header = reception.envelope.listenerKind == .mx ? nil : parsedHeader(of: reception)
        if let header, let refusal = await submissionRefusal(reception, header: header) {
            discardSpoolFile(of: reception)
            return .rejected(refusal)
        }
        var message: IncomingMessage
        var head: [UInt8]
        if let file = reception.spoolFile {
            message = .spooled(file)
            head = reception.contentInMemory
        } else {
            head = (header.map { prefix(for: reception, header: $0) } ?? reception.traceHeaders) + reception.contentInMemory
            message = .bytes(head)
        }
        var quarantined = false
        switch await authenticated(reception, header: header, stored: message) {
        case .unchanged:
            break
        case .rewritten(let bytes, let junk):
            discardSpoolFile(of: reception)
            head = bytes
            message = .bytes(bytes)
            quarantined = junk
        case .refused(let reply):
            discardSpoolFile(of: reception)
            return .rejected(reply)
        }
        var junkAccounts = Set<AccountID>()
        switch await filtered(reception, stored: message) {
        case .accept(let addedFields, let junk):
            junkAccounts = junk
            if !addedFields.isEmpty, let whole = message.wholeOctets {
                discardSpoolFile(of: reception)
                let trace = reception.traceHeaders
                head = trace + addedFields + whole.dropFirst(trace.count)
                message = .bytes(head)
            }
        case .reject(let reply):
            discardSpoolFile(of: reception)
            return .rejected(reply)
        }
        // DMARC p=quarantine (RFC 7489 §6.3) and spam: into Junk, which every account has.
        let targets = reception.accounts.map {
            DeliveryTarget(account: $0.account, mailbox: quarantined || junkAccounts.contains($0.account) ? Self.junk : .inbox)
        }
        let outbound: OutboundEnvelope?
        do {
            outbound = try await outboundEnvelope(of: reception)
        } catch {
            discardSpoolFile(of: reception)
            return .rejected(.storeUnavailable)
        }
        guard !targets.isEmpty || outbound != nil else { return .rejected(.storeUnavailable) }
        do {
            // Local copies and the queue entry for remote recipients in one durable commit.
            _ = try await store.accept(message, localTargets: targets, outbound: outbound)
            await notifySuccess(of: reception, message: head)
            return .accepted(queueID: reception.id)
        } catch .messageTooLarge {
            return .rejected(.storeRefusedSize)
        } catch {
            return .rejected(.storeUnavailable)
        }
    }

    private static let junk = (try? MailboxName("Junk")) ?? .inbox

    /// What sender authentication made of a message about to be stored.
    private enum AuthenticationStep {
        case unchanged
        case rewritten([UInt8], quarantined: Bool)
        case refused(SMTPReply)
    }

    /// Mail from another server: checked, with the results in front (or refused by DMARC).
    /// Submitted mail: DKIM-signed for its From: domain when the keyring has a key for it.
    /// `stored` is the message as it would be stored: ``prefix(for:)`` then the content.
    private func authenticated(_ reception: MessageReception, header: ParsedMessage?,
                               stored: IncomingMessage) async -> AuthenticationStep {
        if reception.envelope.listenerKind == .mx {
            guard let authenticator, authenticator.checks(clientAt: reception.envelope.remoteAddress),
                  let whole = stored.wholeOctets else { return .unchanged }
            let trace = reception.traceHeaders
            let received = Array(whole.dropFirst(trace.count))
            switch await authenticator.authenticate(received, envelope: reception.envelope) {
            case .reject(let reply):
                return .refused(reply)
            case .deliver(let addedFields, let content, let quarantined):
                return .rewritten(trace + addedFields + content, quarantined: quarantined)
            }
        }
        guard let keyring, let header,
              let domain = header.from.flatMap(\.mailboxes).first?.emailAddress?.domain else { return .unchanged }
        let signers = keyring.signers(for: domain)
        guard !signers.isEmpty, let whole = stored.wholeOctets else { return .unchanged }
        // The signatures cover what follows our trace fields; they go right after them, so
        // the relayed copy (without Return-Path) still starts with its own header.
        let trace = reception.traceHeaders
        var signatures: [UInt8] = []
        for signer in signers {
            if let field = try? signer.signatureField(for: whole, at: Date()) { signatures += Array(field.utf8) }
        }
        guard !signatures.isEmpty else { return .unchanged }
        return .rewritten(trace + signatures + whole.dropFirst(trace.count), quarantined: false)
    }

    /// The content filters' verdict on the message as it would be stored: the first refusal,
    /// or every filter's added fields (in filter order) and the union of their Junk accounts.
    private func filtered(_ reception: MessageReception, stored: IncomingMessage) async -> ContentFilterVerdict {
        guard !contentFilters.isEmpty else { return .acceptUnchanged }
        let message = FilteredMessage(envelope: reception.envelope, accounts: reception.accounts, content: stored,
                                      blockListings: reception.blockListings)
        var added: [UInt8] = []
        var junk = Set<AccountID>()
        for filter in contentFilters {
            switch await filter.examine(message) {
            case .reject(let reply):
                return .reject(reply)
            case .accept(let fields, let accounts):
                added += fields
                junk.formUnion(accounts)
            }
        }
        return .accept(addedFields: added, junkAccounts: junk)
    }

    /// RFC 3461 §5.2.3: we offered DSN, so a final delivery to a recipient that asked for
    /// NOTIFY=SUCCESS is reported to the sender as "delivered". Sent after the commit; a
    /// notification the store cannot take is not worth refusing the delivered message for.
    private func notifySuccess(of reception: MessageReception, message: [UInt8]) async {
        let recipients = reception.successNotifiedRecipients
        guard !recipients.isEmpty, let sender = reception.envelope.sender.address else { return }
        let envelope = reception.envelope
        let received = Date(timeIntervalSince1970: TimeInterval(envelope.receivedAt.secondsSinceEpoch))
        let entry = QueueEntry(
            envelope: OutboundEnvelope(queueID: reception.id, sender: sender.description, recipients: recipients,
                                       envelopeID: envelope.mailParameters.envelopeID, returnsFullMessage: false,
                                       expires: received),
            size: message.count, created: received, recipients: [])
        let statuses = recipients.map {
            RecipientDeliveryStatus(recipient: $0, action: .delivered, status: SMTPEnhancedStatusCode(2, 0, 0),
                                    diagnosticCode: "smtp; 250 2.0.0 delivered to the mailbox", lastAttempt: Date())
        }
        _ = try? await notifications.send(statuses, for: entry, originalMessage: message, now: Date())
    }

    /// The queue entry for the message's remote recipients, or nil when it has none.
    private func outboundEnvelope(of reception: MessageReception) async throws(MailStoreError) -> OutboundEnvelope? {
        guard !reception.remoteRecipients.isEmpty else { return nil }
        let envelope = reception.envelope
        let parameters = envelope.mailParameters
        let received = Date(timeIntervalSince1970: TimeInterval(envelope.receivedAt.secondsSinceEpoch))
        return OutboundEnvelope(
            queueID: reception.id, sender: try await outboundSender(of: reception, now: received),
            recipients: reception.remoteRecipients, envelopeID: parameters.envelopeID,
            returnsFullMessage: parameters.returnContent.map { $0 == .full },
            has8BitContent: parameters.body == .eightBitMIME || parameters.body == .binaryMIME,
            requiresSMTPUTF8: parameters.requestsSMTPUTF8,
            expires: received.addingTimeInterval(TimeInterval(limits.queueLifetimeSeconds)))
    }

    /// The queue entry's sender: the MAIL FROM address, rewritten with SRS when the message
    /// came from another server (MX) and is forwarded to other servers, so that SPF at the
    /// destination (RFC 7208, which checks the MAIL FROM domain) checks our domain. The null sender stays
    /// null (bounces must not be rewritten into something that can bounce), and a sender of
    /// one of our domains is already covered by our SPF record. Submission keeps the sender.
    private func outboundSender(of reception: MessageReception, now: Date) async throws(MailStoreError) -> String {
        guard let sender = reception.envelope.sender.address else { return "" }
        guard reception.envelope.listenerKind == .mx, let scheme = senderRewriting,
              let forwarderDomain = reception.forwarderDomain,
              try await !store.isLocalDomain(sender.domain)
        else { return sender.description }
        return scheme.forward(sender: sender, forwarderDomain: forwarderDomain, now: now).description
    }

    /// On submission: every From: address must belong to the authenticated user, else
    /// 550 5.7.1 (RFC 6409 §8); nil when the message may go.
    private func submissionRefusal(_ reception: MessageReception, header: ParsedMessage) async -> SMTPReply? {
        guard let user = reception.envelope.authenticatedIdentity else { return .submissionNeedsAuthentication }
        for address in header.from.flatMap(\.mailboxes) {
            guard let email = address.emailAddress else { return .senderNotOwned }
            do {
                guard try await ownership.isOwned(email, by: user) else { return .senderNotOwned }
            } catch {
                return .storeUnavailable
            }
        }
        return nil
    }

    /// Removes the spool file of a message that will not be stored (the store removes it
    /// itself once `accept` has it).
    private func discardSpoolFile(of reception: MessageReception) {
        if let file = reception.spoolFile { try? FileManager.default.removeItem(atPath: file.path) }
    }

    /// The message's header section, parsed (from the content in memory, which holds it).
    private func parsedHeader(of reception: MessageReception) -> ParsedMessage {
        let header = MessageHeaderSection(of: reception.contentInMemory, limit: limits.maxHeaderSectionSize)
        return MessageParser(limits: MessageParserLimits(limits)).parse(Array(header.bytes), extractingSearchText: false)
    }
}

/// The header section at the start of a message: up to and including the empty line that
/// ends it, or the first `limit` octets when there is none within them.
struct MessageHeaderSection {
    let bytes: ArraySlice<UInt8>

    init(of message: [UInt8], limit: Int) {
        let end = min(message.count, max(0, limit))
        var index = 0
        var found = end
        // The header ends at the first CRLF CRLF (RFC 5322 §2.1); a message starting with an
        // empty line has an empty header.
        if message.starts(with: [13, 10]) {
            found = 2
        } else {
            while index + 3 < end {
                if message[index] == 13, message[index + 1] == 10, message[index + 2] == 13, message[index + 3] == 10 {
                    found = index + 4
                    break
                }
                index += 1
            }
        }
        bytes = message[..<found]
    }
}
