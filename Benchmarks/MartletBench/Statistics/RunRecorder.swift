import Histogram
import Locking

/// What a run measured, shared by all its clients: a latency histogram per operation,
/// counters, and errors by kind (with the first message of each kind, to show the cause).
final class RunRecorder: Sendable {
    struct Snapshot: Sendable {
        var latencies: [String: Histogram<UInt64>] = [:]
        var counters: [String: Int] = [:]
        var errors: [String: Int] = [:]
        var errorExamples: [String: String] = [:]
    }

    private let state = Locked(Snapshot())

    /// One completed operation and how long it took.
    func record(_ operation: String, _ duration: Duration) {
        let microseconds = duration.wholeMicroseconds
        state.withLock { snapshot in
            var histogram = snapshot.latencies[operation] ?? LatencySummary.makeHistogram()
            snapshot.latencies[operation] = nil
            _ = histogram.record(microseconds)
            snapshot.latencies[operation] = histogram
        }
    }

    /// Adds `amount` to the counter `name` (bytes, sessions, messages...).
    func count(_ name: String, _ amount: Int = 1) {
        state.withLock { $0.counters[name, default: 0] += amount }
    }

    /// One failed operation.
    func failed(_ error: any Error) {
        let kind = error.benchErrorKind
        let text = String(describing: error)
        state.withLock { snapshot in
            snapshot.errors[kind, default: 0] += 1
            if snapshot.errorExamples[kind] == nil { snapshot.errorExamples[kind] = String(text.prefix(300)) }
        }
    }

    func snapshot() -> Snapshot { state.withLock { $0 } }
}
