import Synchronization

/// A counter shared by the queue runner's loop and its delivery tasks.
final class InFlightCount: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int { count.load(ordering: .relaxed) }

    func add(_ delta: Int) {
        count.add(delta, ordering: .relaxed)
    }
}
