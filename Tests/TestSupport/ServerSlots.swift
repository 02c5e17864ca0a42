import Locking

/// Limits how many server processes the tests run at once. `swift test` runs every suite in
/// parallel in one process; on a two-core machine a dozen servers, their Python clients,
/// clamd and dnsmasq starting together starve each other (and the in-process tests) for
/// tens of seconds, and timing-bounded steps fail. A test that starts a server takes a slot
/// first and gives it back when the server is gone.
public final class ServerSlots: Sendable {
    /// The slots every server-starting test shares.
    public static let shared = ServerSlots(limit: 2)

    private struct State {
        var free: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state: Locked<State>

    public init(limit: Int) {
        state = Locked(State(free: max(1, limit)))
    }

    /// Waits for a free slot and takes it.
    public func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state in
                guard state.free > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.free -= 1
                return true
            }
            if granted { continuation.resume() }
        }
    }

    /// Gives a slot back (to the longest waiting test, if any).
    public func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
