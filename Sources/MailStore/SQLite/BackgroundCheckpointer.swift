import Dispatch
internal import GRDB
import Locking

/// Copies committed WAL pages into the database file on a connection and a thread of its
/// own, shortly after commits, so that the writer rarely checkpoints itself.
///
/// The writer keeps SQLite's automatic checkpoint, at a larger threshold: only there can
/// the WAL restart from its beginning, and by then these passive checkpoints have copied
/// nearly every frame, so the writer's own checkpoint is short.
final class BackgroundCheckpointer: Sendable {
    private struct State {
        var isScheduled = false
        var isClosed = false
    }

    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "martlet.store.checkpoint")
    private let state = Locked(State())
    private let delay: DispatchTimeInterval

    init(path: String, configuration: Configuration, delay: Duration) throws {
        connection = try DatabaseQueue(path: path, configuration: configuration)
        let microseconds = delay.components.seconds * 1_000_000 + delay.components.attoseconds / 1_000_000_000_000
        self.delay = .microseconds(Int(max(0, min(microseconds, 60_000_000))))
    }

    /// Schedules a checkpoint soon, unless one is already scheduled.
    func noteCommit() {
        let schedule = state.withLock { state in
            guard !state.isScheduled, !state.isClosed else { return false }
            state.isScheduled = true
            return true
        }
        guard schedule else { return }
        queue.asyncAfter(deadline: .now() + delay) { [self] in
            let closed = state.withLock { state in
                state.isScheduled = false
                return state.isClosed
            }
            guard !closed else { return }
            // A failed passive checkpoint (e.g. busy) only leaves the work to the next one
            // or to the writer's own automatic checkpoint.
            _ = try? connection.inDatabase { db in try db.checkpoint(.passive) }
        }
    }

    /// Stops scheduling, waits for a running checkpoint and closes the connection.
    func close() {
        state.withLock { $0.isClosed = true }
        queue.sync {}
        try? connection.close()
    }
}
