import Locking

/// Wakes the queue runner when recipients may have become due: a message was queued, or the
/// queue was flushed. One waiter at a time; a signal given while nobody waits is kept until
/// the next wait, so none is lost.
public final class QueueActivitySignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Locked(State())

    public init() {}

    /// Wakes the waiter, or the next one to wait.
    public func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns at the next signal (at once if one is pending), after `timeout`, or when the
    /// task is cancelled.
    public func wait(timeout: Duration) async {
        let timer = Task { [self] in
            // A cancelled timer (the wait ended early) must not leave a signal pending, or the
            // next wait would return at once and the waiter would spin.
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            signal()
        }
        defer { timer.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            signal()
        }
    }
}
