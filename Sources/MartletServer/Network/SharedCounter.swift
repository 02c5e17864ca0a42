import Synchronization

/// A counter shared by an event loop or a loop of work and the tasks it starts (the queue
/// runner's recipients in flight, a spool writer's backlog).
final class SharedCounter: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int { count.load(ordering: .relaxed) }

    /// Adds `delta` (negative to subtract) and returns the value before.
    @discardableResult
    func add(_ delta: Int) -> Int {
        count.add(delta, ordering: .relaxed).oldValue
    }
}
