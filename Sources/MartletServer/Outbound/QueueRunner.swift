import Delivery
import Foundation
import Logging
import MailStore
import SMTPProtocol
import ServiceLifecycle
import Synchronization

/// Delivers the outbound queue: it claims due recipients (leased, so no other runner — in this
/// process or another on the same store — takes them meanwhile), groups them by destination
/// domain, sends each group over as few connections as the destination's limit allows, and
/// records the outcomes with the next retry, sending bounces and delay notices as they fall due.
final class QueueRunner: Service {
    /// Most recipients claimed and not yet settled at once.
    static let maximumRecipientsInFlight = 2000
    /// Most messages one connection carries, and most content octets it holds in memory.
    static let maximumMessagesPerConnection = 100
    static let maximumOctetsPerConnection = 64 << 20
    /// How often the queue is looked at when nothing signals (another process may have queued).
    static let pollInterval: Duration = .seconds(1)

    private let store: any MailStore
    private let planner: DestinationPlanner
    private let connector: OutboundSMTPConnector
    private let notifications: NotificationDelivery
    private let settings: OutboundSettings
    private let helloName: SMTPHelloName
    private let owner: String
    private let logger: Logger
    private let slots: DestinationSlots
    private let inFlight = SharedCounter()
    private let stopping = Atomic<Bool>(false)

    init(store: any MailStore, planner: DestinationPlanner, connector: OutboundSMTPConnector,
         notifications: NotificationDelivery, settings: OutboundSettings, helloName: SMTPHelloName, logger: Logger) {
        self.store = store
        self.planner = planner
        self.connector = connector
        self.notifications = notifications
        self.settings = settings
        self.helloName = helloName
        self.owner = "\(helloName.text)/\(ProcessInfo.processInfo.processIdentifier)/\(MessageIdentifier.make())"
        self.logger = logger
        self.slots = DestinationSlots(perDestination: settings.connectionsPerDestination, total: settings.maximumConnections)
    }

    func run() async throws {
        // On shutdown no more is claimed, and the deliveries under way finish and record
        // their outcome (each is bounded by the SMTP timeouts): cancelling them would leave
        // their recipients leased, and delivered mail unrecorded, until the lease ends.
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled, !self.stopping.load(ordering: .relaxed) {
                    await self.claimAndStart(in: &group)
                }
            }
            // Parked idle sessions say QUIT.
            self.connector.connectionCache?.closeAll()
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            self.store.queueActivity.signal()
        }
    }

    /// Claims what is due and starts its deliveries, or waits for activity.
    private func claimAndStart(in group: inout DiscardingTaskGroup) async {
        let capacity = Self.maximumRecipientsInFlight - inFlight.value
        guard capacity > 0 else {
            await store.queueActivity.wait(timeout: Self.pollInterval)
            return
        }
        let now = Date()
        let claims: [QueueClaim]
        do {
            claims = try await store.claimDueRecipients(
                now: now, owner: owner, leaseEnds: now.addingTimeInterval(TimeInterval(settings.leaseSeconds)),
                // The limit counts messages, the capacity recipients: claim in smaller rounds so
                // deliveries start as others end rather than in bursts.
                limit: max(1, min(capacity / 10, 100)))
        } catch {
            logger.error("the queue could not be read", metadata: ["error": "\(error)"])
            await store.queueActivity.wait(timeout: .seconds(5))
            return
        }
        guard !claims.isEmpty else {
            await store.queueActivity.wait(timeout: Self.pollInterval)
            return
        }
        for (domain, domainClaims) in Dictionary(grouping: claims, by: \.domain) {
            for batch in batches(domainClaims) {
                let count = batch.reduce(0) { $0 + $1.positions.count }
                inFlight.add(count)
                group.addTask {
                    await self.slots.acquire(domain)
                    await self.deliver(batch, to: domain)
                    await self.slots.release(domain)
                    self.inFlight.add(-count)
                    self.store.queueActivity.signal()
                }
            }
        }
    }

    /// Splits one domain's claims over up to the destination's connection limit, each
    /// connection carrying a bounded number of messages and octets.
    private func batches(_ claims: [QueueClaim]) -> [[QueueClaim]] {
        let wanted = min(settings.connectionsPerDestination, max(1, claims.count / 10))
        var batches = Array(repeating: [QueueClaim](), count: wanted)
        for (index, claim) in claims.enumerated() { batches[index % wanted].append(claim) }
        return batches.flatMap { batch -> [[QueueClaim]] in
            var split: [[QueueClaim]] = [[]]
            var octets = 0
            for claim in batch {
                if split[split.count - 1].count >= Self.maximumMessagesPerConnection
                    || (octets + claim.entry.size > Self.maximumOctetsPerConnection && !split[split.count - 1].isEmpty) {
                    split.append([])
                    octets = 0
                }
                split[split.count - 1].append(claim)
                octets += claim.entry.size
            }
            return split.filter { !$0.isEmpty }
        }
    }

    // MARK: - One batch

    private func deliver(_ claims: [QueueClaim], to domain: String) async {
        let deliveries = claims.map(OutboundDelivery.init(claim:))
        var outcomes: [String: [Int: RecipientAttemptOutcome]] = [:]
        var contents: [String: [UInt8]] = [:]
        func settleAll(_ outcome: RecipientAttemptOutcome, _ delivery: OutboundDelivery) {
            for position in delivery.positions { outcomes[delivery.claim.entry.envelope.queueID, default: [:]][position] = outcome }
        }
        for delivery in deliveries {
            for (position, reason) in delivery.unusable {
                outcomes[delivery.claim.entry.envelope.queueID, default: [:]][position] =
                    .failed(SMTPEnhancedStatusCode(5, 1, 3), reason)
            }
        }
        let sendable = deliveries.filter { $0.message != nil }
        switch await planner.plan(for: domain) {
        case .failed(let status, let reason):
            for delivery in sendable { settleAll(.failed(status, reason), delivery) }
        case .deferred(let status, let reason):
            for delivery in sendable { settleAll(.deferred(status, reason), delivery) }
        case .hosts(let hosts):
            var messages: [(SMTPOutboundMessage, [UInt8])] = []
            for delivery in sendable {
                guard var message = delivery.message else { continue }
                do {
                    let content = try await store.queuedContent(of: message.identifier)
                    contents[message.identifier] = content
                    let relayed = OutboundDelivery.relayedContent(content)
                    message.size = relayed.count
                    // What the content holds, not only what the client declared (RFC 6152 §3).
                    message.containsEightBitData = relayed.contains { $0 >= 0x80 }
                    messages.append((message, relayed))
                } catch {
                    settleAll(.deferred(SMTPEnhancedStatusCode(4, 3, 0), "the queued message could not be read: \(error)"), delivery)
                }
            }
            let byIdentifier = Dictionary(sendable.map { ($0.claim.entry.envelope.queueID, $0) }, uniquingKeysWith: { first, _ in first })
            let unsettled = await send(messages, over: hosts, domain: domain) { result, host in
                guard let delivery = byIdentifier[result.message.identifier] else { return }
                let queueID = delivery.claim.entry.envelope.queueID
                switch result.outcome {
                case .completed(let recipients):
                    for (index, recipient) in recipients.enumerated() where index < delivery.positions.count {
                        outcomes[queueID, default: [:]][delivery.positions[index]] = RecipientAttemptOutcome(
                            recipient.outcome, host: host, notificationsPassedOn: result.deliveryStatusNotificationsPassedOn)
                    }
                case .needsSevenBitConversion:
                    // RFC 6152 §3: the content could not be converted for a server without 8BITMIME.
                    settleAll(.failed(SMTPEnhancedStatusCode(5, 6, 3),
                                      "\(host) does not accept 8-bit content and the message could not be converted",
                                      host: host), delivery)
                }
            }
            for (identifier, outcome) in unsettled {
                if let delivery = byIdentifier[identifier] { settleAll(outcome, delivery) }
            }
        }
        for delivery in deliveries {
            await settle(delivery.claim, outcomes: outcomes[delivery.claim.entry.envelope.queueID] ?? [:],
                         content: contents[delivery.claim.entry.envelope.queueID])
        }
    }

    /// Tries the hosts in order, and each host's addresses, until every message has been
    /// through a transaction (RFC 5321 §5.1: a host that cannot be reached or refuses the
    /// session passes the messages to the next). Returns the outcome of the messages no host
    /// took, by identifier.
    private func send(_ messages: [(SMTPOutboundMessage, [UInt8])], over hosts: [DeliveryHost], domain: String,
                      record: (SMTPTransactionResult, String) -> Void) async -> [String: RecipientAttemptOutcome] {
        var remaining = messages
        var lastProblem = RecipientAttemptOutcome.deferred(SMTPEnhancedStatusCode(4, 4, 1), "no mail server of \(domain) could be reached")
        var configuration = SMTPClientConfiguration(helloName: helloName, tlsPolicy: settings.tlsPolicy(for: domain))
        tryHosts: for host in hosts {
            for address in host.addresses {
                guard !remaining.isEmpty else { break tryHosts }
                var report = await connector.run(remaining, at: address, hostName: host.name, configuration: configuration)
                if report.failure?.allowsRetryWithoutTLS == true {
                    // Opportunistic TLS whose handshake failed: the same server again in the clear
                    // (RFC 7435 §1.3); nothing was sent the first time.
                    logger.notice("TLS handshake failed; retrying without TLS", metadata: ["host": "\(host.name)"])
                    configuration.tlsPolicy = .disabled
                    report = await connector.run(remaining, at: address, hostName: host.name, configuration: configuration)
                    configuration.tlsPolicy = settings.tlsPolicy(for: domain)
                }
                for result in report.results { record(result, host.name) }
                if let connectError = report.connectError {
                    lastProblem = .deferred(SMTPEnhancedStatusCode(4, 4, 1), connectError, host: host.name)
                } else if let failure = report.failure {
                    lastProblem = RecipientAttemptOutcome(problem: .connectionFailed(failure), permanent: false, host: host.name)
                }
                let unsent = Set(report.unsentMessages.map(\.identifier))
                remaining = remaining.filter { unsent.contains($0.0.identifier) }
                logger.debug("outbound connection", metadata: [
                    "domain": "\(domain)", "host": "\(host.name)", "address": "\(address)",
                    "transactions": "\(report.results.count)", "tls": "\(report.usedTLS)",
                    "failure": "\(report.connectError ?? report.failure?.description ?? "none")"])
            }
        }
        return Dictionary(remaining.map { ($0.0.identifier, lastProblem) }, uniquingKeysWith: { first, _ in first })
    }

    /// Sends the notifications the attempt owes, then records it. Notifications go first: a
    /// crash between the two sends one twice rather than never.
    private func settle(_ claim: QueueClaim, outcomes: [Int: RecipientAttemptOutcome], content: [UInt8]?) async {
        let now = Date()
        let settlement = AttemptSettlement(claim: claim, outcomes: outcomes, schedule: settings.retrySchedule, now: now)
        let queueID = claim.entry.envelope.queueID
        do {
            var original = content
            for statuses in [settlement.failed, settlement.delayed, settlement.relayed] where !statuses.isEmpty {
                if original == nil { original = try await store.queuedContent(of: queueID) }
                let disposition = try await notifications.send(statuses, for: claim.entry, originalMessage: original ?? [], now: now)
                logger.info("delivery status notification", metadata: [
                    "queue-id": "\(queueID)", "action": "\(statuses[0].action)", "disposition": "\(disposition)"])
            }
            if !settlement.delayedPositions.isEmpty {
                try await store.markDelayNotified(queueID: queueID, positions: settlement.delayedPositions)
            }
            try await store.recordAttempts(settlement.results)
        } catch {
            // The lease runs out and the recipients are tried again.
            logger.error("an attempt could not be recorded", metadata: ["queue-id": "\(queueID)", "error": "\(error)"])
            return
        }
        var counts: [String: Int] = [:]
        for result in settlement.results {
            switch result.outcome {
            case .delivered: counts["delivered", default: 0] += 1
            case .deferred: counts["deferred", default: 0] += 1
            case .failed: counts["failed", default: 0] += 1
            }
            logger.debug("recipient", metadata: [
                "queue-id": "\(queueID)", "position": "\(result.position)", "outcome": "\(result.outcome)"])
        }
        logger.info("attempt", metadata: ["queue-id": "\(queueID)", "domain": "\(claim.domain)",
                                          "delivered": "\(counts["delivered", default: 0])",
                                          "deferred": "\(counts["deferred", default: 0])",
                                          "failed": "\(counts["failed", default: 0])"])
    }
}
