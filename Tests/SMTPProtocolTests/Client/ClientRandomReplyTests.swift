import MailCore
import TestSupport
import Testing
@testable import SMTPProtocol

/// Random servers: replies valid and broken, cut anywhere, with the glue enqueueing,
/// quitting, timing out and closing at random moments. Whatever happens, the session must not
/// crash, must keep its buffer bounded, must report every message exactly once and must close
/// exactly once.
@Suite("SMTP client: random server replies")
struct ClientRandomReplyTests {
    private static let vocabulary: [String] = [
        "220 mx ready\r\n", "220-mx\r\n220 ready\r\n", "250 ok\r\n", "250 2.1.0 ok\r\n", "354 go ahead\r\n",
        Fixtures.ehlo(["PIPELINING", "SIZE 500", "8BITMIME", "STARTTLS", "DSN", "ENHANCEDSTATUSCODES", "SMTPUTF8", "AUTH PLAIN"]),
        Fixtures.ehlo(["SIZE"]), "550 5.1.1 no such user\r\n", "451 4.3.0 later\r\n", "452 4.5.3 too many\r\n",
        "421 4.4.2 closing\r\n", "221 2.0.0 bye\r\n", "500 what?\r\n", "502 no EHLO\r\n", "554 5.7.1 go away\r\n",
        "235 2.7.0 ok\r\n", "220 2.0.0 start TLS\r\n", "503 bad sequence\r\n", "250-partial\r\n", "\r\n", "\n",
        "2", "25", "250", "-", " ", "HTTP/1.0 200 OK\r\n", "999 nine\r\n", "250-a\r\n251 b\r\n",
        "550\r\n", "250 \u{1B}[2J\r\n", "250 ünïcödé\r\n",
    ]

    /// A reply that fits what the session waits for, mostly a positive one, so that runs get
    /// deep into transactions.
    private static func fittingReply(for phase: SMTPClientPhase, using generator: inout SeededGenerator) -> String {
        let positive = Int.random(in: 0..<100, using: &generator) < 93
        func pick(_ choices: [String]) -> String { choices[Int.random(in: 0..<choices.count, using: &generator)] }
        return switch phase {
        case .greeting: positive ? "220 mx ready\r\n" : pick(["554 no\r\n", "421 busy\r\n"])
        case .hello:
            positive ? pick([vocabulary[5], Fixtures.ehlo(["PIPELINING", "8BITMIME", "SMTPUTF8", "AUTH PLAIN"]), Fixtures.ehlo([])])
                : pick(["502 no\r\n", "550 no\r\n"])
        case .startTLS: positive ? "220 2.0.0 go\r\n" : "454 no TLS\r\n"
        case .authentication: positive ? "235 2.7.0 ok\r\n" : "535 5.7.8 no\r\n"
        case .mail, .reset: positive ? "250 2.1.0 ok\r\n" : "451 4.3.0 later\r\n"
        case .recipient: positive ? "250 2.1.5 ok\r\n" : pick(["550 5.1.1 no\r\n", "452 4.5.3 too many\r\n"])
        case .dataInitiation: positive ? "354 go\r\n" : "554 5.5.1 no recipients\r\n"
        case .dataTermination: positive ? "250 2.0.0 queued\r\n" : pick(["552 5.3.4 too big\r\n", "451 later\r\n"])
        case .quit: "221 bye\r\n"
        case .tlsHandshake, .idle, .dataBlock, .closed: pick(vocabulary)
        }
    }

    @Test func randomServers() {
        var runsWithDeliveries = 0
        let runs = 400
        for seed in 0..<UInt64(runs) where run(seed: seed) > 0 { runsWithDeliveries += 1 }
        // Not every run dies at the greeting: a fair share gets messages through.
        #expect(runsWithDeliveries * 10 >= runs, "\(runsWithDeliveries) of \(runs) runs delivered something")
    }

    /// Runs one random conversation; returns how many recipients were delivered.
    private func run(seed: UInt64) -> Int {
        var generator = SeededGenerator(seed: seed)
        let limits = SMTPClientLimits(maximumReplyLineLength: 256, maximumReplyLineCount: 16)
        let policies: [SMTPClientTLSPolicy] = [.disabled, .opportunistic, .required]
        var harness = ClientHarness(
            tlsPolicy: policies[Int.random(in: 0..<3, using: &generator)],
            credentials: Int.random(in: 0..<4, using: &generator) == 0 ? SMTPClientCredentials(username: "u", password: "p") : nil,
            usesPipelining: Bool.random(using: &generator), limits: limits)
        harness.tlsHandshake = Int.random(in: 0..<4, using: &generator) == 0 ? .fails("random") : .succeeds
        harness.chunkSize = Int.random(in: 1...40, using: &generator)
        harness.quitsWhenIdle = Bool.random(using: &generator)
        var enqueued = 0
        var counter = 0
        func randomMessage(_ generator: inout SeededGenerator) -> SMTPOutboundMessage {
            counter += 1
            let domain = Int.random(in: 0..<10, using: &generator) == 0 ? "bücher.example" : "r.example"
            let recipients = (0..<Int.random(in: 0...4, using: &generator)).map { "r\($0)@\(domain)" }
            return Fixtures.message(
                "M\(counter)", to: recipients, size: Int.random(in: 0...600, using: &generator),
                eightBit: Bool.random(using: &generator), utf8Header: Int.random(in: 0..<10, using: &generator) == 0,
                returnContent: .full, envelopeID: "e\(counter)",
                recipientParameters: SMTPRecipientParameters(notify: [.failure]))
        }
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            let message = randomMessage(&generator)
            harness.contents[message.identifier] = Array(repeating: UInt8(ascii: "."), count: Int.random(in: 0...50, using: &generator))
            harness.nextMessages.append(message)
        }
        let handedOver = harness.nextMessages.count

        // How often the server says something that does not fit, in percent.
        let hostility = [0, 3, 30][Int.random(in: 0..<3, using: &generator)]
        for _ in 0..<120 where harness.closeCount == 0 {
            switch Int.random(in: 0..<100, using: &generator) {
            case 0..<80:
                var bytes: [UInt8]
                if Int.random(in: 0..<100, using: &generator) >= hostility {
                    bytes = Array(Self.fittingReply(for: harness.session.phase, using: &generator).utf8)
                } else if Bool.random(using: &generator) {
                    bytes = (0..<Int.random(in: 1...400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                } else {
                    bytes = Array(Self.vocabulary[Int.random(in: 0..<Self.vocabulary.count, using: &generator)].utf8)
                }
                var start = 0
                while start < bytes.count {
                    let end = min(bytes.count, start + Int.random(in: 1...50, using: &generator))
                    harness.serverBytes(Array(bytes[start..<end]))
                    start = end
                    #expect(harness.session.parser.bufferedByteCount <= limits.maximumReplyLineLength)
                }
            case 80..<94:
                let accepting = harness.session.acceptsMessages
                let refusedBefore = harness.refusedMessages.count
                let message = randomMessage(&generator)
                harness.contents[message.identifier] = Array(repeating: UInt8(ascii: "."), count: Int.random(in: 0...50, using: &generator))
                harness.enqueue(message)
                // Refused exactly when the session said it would refuse.
                #expect((harness.refusedMessages.count > refusedBefore) == !accepting, "seed \(seed)")
                if accepting { enqueued += 1 }
            case 94..<98:
                harness.perform(harness.session.quit())
            case 98:
                harness.perform(harness.session.timedOut())
            default:
                harness.perform(harness.session.connectionClosed())
            }
        }
        if harness.closeCount == 0 { harness.perform(harness.session.connectionClosed()) }

        #expect(harness.closeCount == 1, "seed \(seed)")
        #expect(harness.actions.last == .close, "seed \(seed)")
        #expect(harness.session.isClosed)
        let reported = harness.reportCounts
        #expect(reported.values.allSatisfy { $0 == 1 }, "seed \(seed): \(reported)")
        let takenByTheSession = enqueued + handedOver - harness.nextMessages.count
        #expect(reported.count == takenByTheSession, "seed \(seed)")
        var deliveredRecipients = 0
        for result in harness.results {
            if case .completed(let recipients) = result.outcome {
                #expect(recipients.map(\.recipient) == result.message.recipients, "seed \(seed)")
                deliveredRecipients += recipients.filter { if case .delivered = $0.outcome { true } else { false } }.count
            }
        }
        return deliveredRecipients
    }
}
