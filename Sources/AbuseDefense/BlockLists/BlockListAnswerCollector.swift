import Locking

/// Gathers the zones' outcomes as they arrive and hands the report over exactly once: when
/// every lookup has finished, when the time is up, or when the check is cancelled —
/// whichever comes first. The tasks still running are cancelled then.
final class BlockListAnswerCollector: Sendable {
    private struct State {
        var outcomes: [BlockListZoneOutcome?]
        var continuation: CheckedContinuation<BlockListReport, Never>?
        var tasks: [Task<Void, Never>] = []
        var finished = false
    }

    private let zones: [String]
    private let timeout: Duration
    private let state: Locked<State>

    init(zones: [String], timeout: Duration) {
        self.zones = zones
        self.timeout = timeout
        self.state = Locked(State(outcomes: Array(repeating: nil, count: zones.count)))
    }

    /// Where the report goes; if the check already finished (cancelled before it began), at once.
    func deliver(to continuation: CheckedContinuation<BlockListReport, Never>) {
        let report: BlockListReport? = state.withLock { state in
            guard state.finished else {
                state.continuation = continuation
                return nil
            }
            return makeReport(state.outcomes)
        }
        if let report { continuation.resume(returning: report) }
    }

    /// The tasks to cancel once the report is out (at once if it already is).
    func own(_ tasks: [Task<Void, Never>]) {
        let finished = state.withLock { state in
            if !state.finished { state.tasks += tasks }
            return state.finished
        }
        if finished { tasks.forEach { $0.cancel() } }
    }

    /// Records (or replaces) the outcome of zone `index`; ignored once the report is out.
    func record(_ outcome: BlockListZoneOutcome, at index: Int) {
        state.withLock { state in
            guard !state.finished else { return }
            state.outcomes[index] = outcome
        }
    }

    /// Hands the report over (the first call only) and cancels the tasks.
    func finish() {
        let taken: (CheckedContinuation<BlockListReport, Never>?, BlockListReport, [Task<Void, Never>])? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            let tasks = state.tasks
            let continuation = state.continuation
            state.tasks = []
            state.continuation = nil
            return (continuation, makeReport(state.outcomes), tasks)
        }
        guard let (continuation, report, tasks) = taken else { return }
        tasks.forEach { $0.cancel() }
        continuation?.resume(returning: report)
    }

    private func makeReport(_ outcomes: [BlockListZoneOutcome?]) -> BlockListReport {
        var report = BlockListReport()
        for (zone, outcome) in zip(zones, outcomes) {
            switch outcome {
            case .listed(let listing): report.listings.append(listing)
            case .notListed: break
            case .failed(let reason): report.failures.append(BlockListFailure(zone: zone, reason: reason))
            case nil:
                report.failures.append(BlockListFailure(zone: zone, reason: "no answer within \(timeout)"))
            }
        }
        return report
    }
}
