import Locking
import Synchronization

/// When a run stops: at its deadline, or when its operations are used up, whichever comes
/// first. Clients claim each operation before doing it.
final class RunBudget: Sendable {
    /// Why the run ended, for the report.
    enum StopReason: String, Sendable {
        case duration
        case count
        case exhausted
        case hardLimit = "hard-limit"
    }

    let deadline: ContinuousClock.Instant
    private let remaining: Atomic<Int>
    private let reason = Locked<StopReason?>(nil)

    init(deadline: ContinuousClock.Instant, operations: Int) {
        self.deadline = deadline
        remaining = Atomic(operations)
    }

    /// Claims one operation; false once the deadline has passed or the count is used up.
    func take() -> Bool {
        if ContinuousClock.now >= deadline {
            stop(.duration)
            return false
        }
        let (_, left) = remaining.subtract(1, ordering: .relaxed)
        if left < 0 {
            stop(.count)
            return false
        }
        return true
    }

    /// Whether no operation can be claimed any more.
    var isOver: Bool {
        ContinuousClock.now >= deadline || remaining.load(ordering: .relaxed) <= 0
    }

    /// Records why the run stopped (the first reason wins).
    func stop(_ why: StopReason) {
        reason.withLock { if $0 == nil { $0 = why } }
    }

    var stopReason: StopReason {
        reason.withLock { $0 } ?? (ContinuousClock.now >= deadline ? .duration : .count)
    }
}
