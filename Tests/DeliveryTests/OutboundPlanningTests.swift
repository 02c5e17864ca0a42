import DNSResolver
import Delivery
import Foundation
import MailStore
import SMTPProtocol
import Testing

private func mx(_ preference: UInt16, _ host: String) throws -> DNSRecordData {
    .mailExchanger(MailExchanger(preference: preference, exchange: try DNSName(host)))
}

private func v4(_ text: String) throws -> DNSRecordData { .ipv4Address(try #require(IPAddress(text))) }
private func v6(_ text: String) throws -> DNSRecordData { .ipv6Address(try #require(IPAddress(text))) }

@Suite("Outbound: destination planning")
struct DestinationPlannerTests {
    @Test func mxHostsByPreferenceWithIPv4BeforeIPv6() async throws {
        let table = AnswerTable(answers: [
            "example.org MX": .records([try mx(20, "backup.example.org"), try mx(10, "mx.example.org")]),
            "mx.example.org A": .records([try v4("192.0.2.1")]),
            "mx.example.org AAAA": .records([try v6("2001:db8::1")]),
            "backup.example.org A": .records([try v4("192.0.2.2")]),
        ])
        let plan = await DestinationPlanner(resolver: table).plan(for: "example.org")
        #expect(plan == .hosts([
            DeliveryHost(name: "mx.example.org", addresses: [try #require(IPAddress("192.0.2.1")), try #require(IPAddress("2001:db8::1"))]),
            DeliveryHost(name: "backup.example.org", addresses: [try #require(IPAddress("192.0.2.2"))]),
        ]))
    }

    @Test func noMXFallsBackToTheDomainsOwnAddress() async throws {
        let table = AnswerTable(answers: ["example.net A": .records([try v4("192.0.2.9")])])
        let plan = await DestinationPlanner(resolver: table).plan(for: "example.net")
        #expect(plan == .hosts([DeliveryHost(name: "example.net", addresses: [try #require(IPAddress("192.0.2.9"))])]))
    }

    @Test func nullMXFailsAtOnceWith556() async throws {
        let table = AnswerTable(answers: ["nomail.example MX": .records([.mailExchanger(MailExchanger(preference: 0, exchange: .root))])])
        guard case .failed(let status, let reason) = await DestinationPlanner(resolver: table).plan(for: "nomail.example") else {
            Issue.record("a null MX must fail")
            return
        }
        #expect(status == SMTPEnhancedStatusCode(5, 1, 10))
        #expect(reason.contains("556"))
    }

    @Test func aDomainThatDoesNotExistFailsAndATemporaryErrorDefers() async throws {
        let table = AnswerTable(answers: ["gone.example MX": .nameDoesNotExist, "flaky.example MX": .failure])
        let planner = DestinationPlanner(resolver: table)
        guard case .failed(let status, _) = await planner.plan(for: "gone.example") else {
            Issue.record("NXDOMAIN must fail")
            return
        }
        #expect(status.statusClass == 5)
        guard case .deferred(let temporary, _) = await planner.plan(for: "flaky.example") else {
            Issue.record("a DNS timeout must defer")
            return
        }
        #expect(temporary.statusClass == 4)
    }

    @Test func mxHostsWithoutAddressesDeferWhenALookupFailedAndFailOtherwise() async throws {
        let failing = AnswerTable(answers: ["a.example MX": .records([try mx(10, "mx.a.example")]), "mx.a.example A": .failure])
        guard case .deferred = await DestinationPlanner(resolver: failing).plan(for: "a.example") else {
            Issue.record("a failed address lookup must defer")
            return
        }
        let empty = AnswerTable(answers: ["b.example MX": .records([try mx(10, "mx.b.example")])])
        guard case .failed = await DestinationPlanner(resolver: empty).plan(for: "b.example") else {
            Issue.record("MX hosts with no addresses at all must fail")
            return
        }
    }

    @Test func addressLiteralsAreDeliveredToDirectly() async throws {
        let plan = await DestinationPlanner(resolver: AnswerTable(answers: [:])).plan(for: "[192.0.2.7]")
        #expect(plan == .hosts([DeliveryHost(name: "[192.0.2.7]", addresses: [try #require(IPAddress("192.0.2.7"))])]))
    }
}

@Suite("Outbound: retries, settlement, relayed content")
struct AttemptSettlementTests {
    let now = Date(timeIntervalSince1970: 2_000_000_000)

    func claim(notify: DeliveryNotifications? = nil, attempts: Int = 0, createdAgo: TimeInterval = 60,
               expiresIn: TimeInterval = 5 * 86_400, delayNotified: Bool = false) -> QueueClaim {
        let envelope = OutboundEnvelope(
            queueID: "Q1", sender: "alice@example.org",
            recipients: [OutboundRecipient(address: "bob@example.net", notify: notify)],
            expires: now.addingTimeInterval(expiresIn))
        let recipient = QueuedRecipient(position: 0, recipient: envelope.recipients[0], state: .pending, attempts: attempts,
                                        nextAttempt: now, lastResult: nil, delayNotified: delayNotified)
        let entry = QueueEntry(envelope: envelope, size: 100, created: now.addingTimeInterval(-createdAgo), recipients: [recipient])
        return QueueClaim(entry: entry, domain: "example.net", positions: [0], owner: "test", leaseEnds: now.addingTimeInterval(600))
    }

    let refusedForNow = RecipientAttemptOutcome(
        .deferred(.refusedByServer(SMTPReply(451, SMTPEnhancedStatusCode(4, 7, 1), "greylisted"))),
        host: "mx.example.net", notificationsPassedOn: false)

    @Test func theScheduleBacksOffAndRepeatsItsLastInterval() {
        let schedule = RetrySchedule.standard
        #expect(schedule.interval(afterFailedAttempts: 1) == .seconds(60))
        #expect(schedule.interval(afterFailedAttempts: 2) == .seconds(300))
        #expect(schedule.interval(afterFailedAttempts: 7) == .seconds(14_400))
        #expect(schedule.interval(afterFailedAttempts: 50) == .seconds(14_400))
    }

    @Test func aDeferralIsRetriedAfterTheScheduledWait() {
        let settlement = AttemptSettlement(claim: claim(attempts: 1), outcomes: [0: refusedForNow], schedule: .standard, now: now)
        #expect(settlement.results == [DeliveryAttemptResult(
            queueID: "Q1", position: 0,
            outcome: .deferred(reason: "mx.example.net: 451 4.7.1 greylisted", retryAt: now.addingTimeInterval(300)))])
        #expect(settlement.failed.isEmpty && settlement.delayed.isEmpty)
    }

    @Test func aDeferralPastTheLifetimeFailsAsExpired() {
        let settlement = AttemptSettlement(claim: claim(attempts: 3, expiresIn: 30), outcomes: [0: refusedForNow],
                                           schedule: .standard, now: now)
        guard case .failed(let reason)? = settlement.results.first?.outcome else {
            Issue.record("expected a failure, got \(settlement.results)")
            return
        }
        #expect(reason.contains("gave up after 4 attempts"))
        #expect(settlement.failed.map(\.status) == [SMTPEnhancedStatusCode(4, 4, 7)])
        #expect(settlement.failed.first?.action == .failed)
    }

    @Test func aDelayNoticeIsOwedOnceAfterTheDelayAndOnlyIfWanted() {
        let late = AttemptSettlement(claim: claim(createdAgo: 5 * 3600), outcomes: [0: refusedForNow], schedule: .standard, now: now)
        #expect(late.delayedPositions == [0])
        #expect(late.delayed.first?.action == .delayed)
        let early = AttemptSettlement(claim: claim(createdAgo: 3600), outcomes: [0: refusedForNow], schedule: .standard, now: now)
        #expect(early.delayedPositions.isEmpty)
        let notified = AttemptSettlement(claim: claim(createdAgo: 5 * 3600, delayNotified: true), outcomes: [0: refusedForNow],
                                         schedule: .standard, now: now)
        #expect(notified.delayedPositions.isEmpty)
        let failureOnly = AttemptSettlement(claim: claim(notify: [.failure], createdAgo: 5 * 3600), outcomes: [0: refusedForNow],
                                            schedule: .standard, now: now)
        #expect(failureOnly.delayedPositions.isEmpty)
    }

    @Test func aRefusalFailsAndIsReportedUnlessNotifyNever() {
        let refused = RecipientAttemptOutcome(
            .failed(.refusedByServer(SMTPReply(550, SMTPEnhancedStatusCode(5, 1, 1), "no such user"))),
            host: "mx.example.net", notificationsPassedOn: false)
        let settlement = AttemptSettlement(claim: claim(), outcomes: [0: refused], schedule: .standard, now: now)
        #expect(settlement.failed.first?.status == SMTPEnhancedStatusCode(5, 1, 1))
        #expect(settlement.failed.first?.remoteMTA == "dns; mx.example.net")
        #expect(settlement.failed.first?.diagnosticCode == "smtp; 550 5.1.1 no such user")
        let never = AttemptSettlement(claim: claim(notify: .never), outcomes: [0: refused], schedule: .standard, now: now)
        #expect(never.failed.isEmpty)
        guard case .failed? = never.results.first?.outcome else {
            Issue.record("NOTIFY=NEVER still fails the recipient")
            return
        }
    }

    @Test func successIsReportedAsRelayedOnlyWhenAskedAndTheNextHopLacksDSN() {
        let accepted = SMTPRecipientOutcome.delivered(SMTPReply(250, SMTPEnhancedStatusCode(2, 0, 0), "queued"))
        let withoutDSN = RecipientAttemptOutcome(accepted, host: "mx.example.net", notificationsPassedOn: false)
        let withDSN = RecipientAttemptOutcome(accepted, host: "mx.example.net", notificationsPassedOn: true)
        #expect(AttemptSettlement(claim: claim(notify: [.success]), outcomes: [0: withoutDSN], schedule: .standard, now: now)
            .relayed.map(\.action) == [.relayed])
        #expect(AttemptSettlement(claim: claim(notify: [.success]), outcomes: [0: withDSN], schedule: .standard, now: now)
            .relayed.isEmpty)
        #expect(AttemptSettlement(claim: claim(), outcomes: [0: withoutDSN], schedule: .standard, now: now).relayed.isEmpty)
    }

    @Test func aRecipientWithoutAnOutcomeIsDeferred() {
        let settlement = AttemptSettlement(claim: claim(), outcomes: [:], schedule: .standard, now: now)
        guard case .deferred? = settlement.results.first?.outcome else {
            Issue.record("expected a deferral, got \(settlement.results)")
            return
        }
    }

    @Test func relayedContentDropsOurReturnPathOnly() {
        let stored = Array("Return-Path: <a@example.org>\r\nreturn-path:\r\n <b@example.org>\r\nReceived: x\r\n\r\nbody\r\n".utf8)
        #expect(OutboundDelivery.relayedContent(stored) == Array("Received: x\r\n\r\nbody\r\n".utf8))
        let plain = Array("Subject: hi\r\n\r\nReturn-Path: in the body\r\n".utf8)
        #expect(OutboundDelivery.relayedContent(plain) == plain)
    }

    @Test func theClaimBecomesAnSMTPMessageWithItsDSNParameters() throws {
        var recipient = OutboundRecipient(address: "bob@example.net", notify: [.failure, .delay], originalRecipient: "rfc822;Bob@Example.net")
        recipient.notify = [.failure, .delay]
        let envelope = OutboundEnvelope(queueID: "Q2", sender: "", recipients: [recipient, OutboundRecipient(address: "not an address")],
                                        envelopeID: "env-1", returnsFullMessage: false, expires: now)
        let queued = envelope.recipients.enumerated().map {
            QueuedRecipient(position: $0.offset, recipient: $0.element, state: .pending, attempts: 0, nextAttempt: now,
                            lastResult: nil, delayNotified: false)
        }
        let claim = QueueClaim(entry: QueueEntry(envelope: envelope, size: 42, created: now, recipients: queued),
                               domain: "example.net", positions: [0, 1], owner: "t", leaseEnds: now)
        let delivery = OutboundDelivery(claim: claim)
        let message = try #require(delivery.message)
        #expect(message.sender == .null)
        #expect(message.recipients.count == 1)
        #expect(message.recipients[0].parameters.notify == [.failure, .delay])
        #expect(message.recipients[0].parameters.originalRecipient == SMTPOriginalRecipient(addressType: "rfc822", address: "Bob@Example.net"))
        #expect(message.returnContent == .headers && message.envelopeID == "env-1" && message.size == 42)
        #expect(delivery.positions == [0])
        #expect(delivery.unusable.map(\.position) == [1])
    }
}
