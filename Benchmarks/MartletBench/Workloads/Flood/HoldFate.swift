import Locking

/// What became of one held connection.
enum HoldFate: String, Codable, Sendable, CaseIterable {
    /// Greeted, then still open when the flood phase ended.
    case heldToEnd = "held-to-end"
    /// Greeted, then closed by the server while the client stayed silent.
    case closedWhileHeld = "closed-while-held"
    /// The server's first words were a refusal (SMTP 4xx/5xx, IMAP BYE).
    case refusedWithReply = "refused-with-reply"
    /// The server closed the connection before any greeting.
    case closedBeforeGreeting = "closed-before-greeting"
    /// No greeting came before the flood phase ended.
    case awaitingGreetingAtEnd = "awaiting-greeting-at-end"
    /// The TCP connection could not be made (refused, timed out, no source port left).
    case connectFailed = "connect-failed"
    /// The server's greeting was not the protocol.
    case malformedGreeting = "malformed-greeting"
}

/// The count of each fate, with the first server reply or error seen for each.
final class HoldTally: Sendable {
    private struct State {
        var counts: [HoldFate: Int] = [:]
        var examples: [HoldFate: String] = [:]
    }

    private let state = Locked(State())

    /// One connection's fate, with what the server said or what went wrong.
    func record(_ fate: HoldFate, example: String? = nil) {
        state.withLock { state in
            state.counts[fate, default: 0] += 1
            if let example, state.examples[fate] == nil { state.examples[fate] = String(example.prefix(200)) }
        }
    }

    /// The counts by fate name, every fate present (0 when none).
    var counts: [String: Int] {
        state.withLock { state in
            Dictionary(uniqueKeysWithValues: HoldFate.allCases.map { ($0.rawValue, state.counts[$0] ?? 0) })
        }
    }

    /// The first reply or error of each fate that had one.
    var examples: [String: String] {
        state.withLock { state in Dictionary(uniqueKeysWithValues: state.examples.map { ($0.key.rawValue, $0.value) }) }
    }
}
