import Histogram
import Locking

/// The legitimate client's results: a latency histogram and a failure count for each
/// operation in each phase, with the first failure of each.
final class LegitimateTally: Sendable {
    /// The operations the legitimate client times, each whole from connect to close.
    enum Operation: String, Codable, Sendable, CaseIterable {
        /// IMAP connect, (STARTTLS,) LOGIN, SELECT INBOX, LOGOUT.
        case imapLogin = "imap-login"
        /// Submission connect, EHLO, STARTTLS or TLS, AUTH PLAIN, one message, QUIT.
        case submissionSend = "submission-send"
    }

    private struct Key: Hashable {
        let operation: Operation
        let phase: FloodPhase
    }

    private struct State {
        var latencies: [Key: Histogram<UInt64>] = [:]
        var failures: [Key: Int] = [:]
        var failureExamples: [Key: String] = [:]
    }

    private let state = Locked(State())

    /// One successful operation started in `phase`.
    func record(_ operation: Operation, phase: FloodPhase, _ duration: Duration) {
        let key = Key(operation: operation, phase: phase)
        state.withLock { state in
            var histogram = state.latencies[key] ?? LatencySummary.makeHistogram()
            state.latencies[key] = nil
            _ = histogram.record(duration.wholeMicroseconds)
            state.latencies[key] = histogram
        }
    }

    /// One failed operation started in `phase`.
    func failed(_ operation: Operation, phase: FloodPhase, _ error: BenchError) {
        let key = Key(operation: operation, phase: phase)
        state.withLock { state in
            state.failures[key, default: 0] += 1
            if state.failureExamples[key] == nil { state.failureExamples[key] = String(error.description.prefix(300)) }
        }
    }

    /// The figures of `operation` in `phase`.
    func figures(_ operation: Operation, phase: FloodPhase) -> FloodReport.PhaseFigures {
        let key = Key(operation: operation, phase: phase)
        return state.withLock { state in
            let histogram = state.latencies[key]
            let count = Int(histogram?.totalCount ?? 0)
            return FloodReport.PhaseFigures(
                count: count, failures: state.failures[key] ?? 0,
                latencyMs: histogram.flatMap { count > 0 ? LatencySummary(microseconds: $0) : nil },
                firstFailure: state.failureExamples[key])
        }
    }
}
