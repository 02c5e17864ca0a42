#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Locking

/// One thread of its own, at a lower scheduling priority than the rest of the process, for
/// background work that should take only the CPU time deliveries leave: the search
/// indexer's reading and parsing.
///
/// On Linux the nice value is a property of each thread, so raising it here slows only this
/// thread. A thread's nice value cannot be lowered again without privileges, which is why
/// this is a dedicated thread and not one borrowed from a pool.
final class LowPriorityThread: Sendable {
    /// How much nicer than the process the thread runs (0 to 19).
    static let niceness: Int32 = 10

    /// What the thread and its owner share; the thread keeps only this alive.
    private final class Jobs: Sendable {
        struct State {
            var queued: [@Sendable () -> Void] = []
            var isClosed = false
        }

        let state = Locked(State())
        /// Signalled once per job and once at close.
        let available = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)

        /// Marks the queue closed; returns whether it was open.
        func close() -> Bool {
            let wasOpen = state.withLock { state in
                defer { state.isClosed = true }
                return !state.isClosed
            }
            if wasOpen { available.signal() }
            return wasOpen
        }
    }

    private let jobs = Jobs()

    init(name: String) {
        let thread = Thread { [jobs] in
            Self.lowerOwnPriority()
            while true {
                jobs.available.wait()
                let (job, closed) = jobs.state.withLock { state in
                    (state.queued.isEmpty ? nil : state.queued.removeFirst(), state.isClosed)
                }
                if let job {
                    job()
                } else if closed {
                    break
                }
            }
            jobs.finished.signal()
        }
        thread.name = name
        thread.start()
    }

    deinit {
        _ = jobs.close()
    }

    /// Runs `work` on the thread and returns its result. After `close`, runs it in the
    /// caller's task instead.
    func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            let accepted = jobs.state.withLock { state in
                guard !state.isClosed else { return false }
                state.queued.append { continuation.resume(returning: work()) }
                return true
            }
            if accepted {
                jobs.available.signal()
            } else {
                continuation.resume(returning: work())
            }
        }
    }

    /// Runs the jobs already queued, then ends the thread and waits for it.
    func close() {
        if jobs.close() { jobs.finished.wait() }
    }

    private static func lowerOwnPriority() {
        #if os(Linux)
        // With PRIO_PROCESS and 0 the kernel takes the calling task, which on Linux is this
        // thread, not the whole process (setpriority(2), NOTES).
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let current = getpriority(which, 0)
        _ = setpriority(which, 0, min(19, current + niceness))
        #endif
    }
}
