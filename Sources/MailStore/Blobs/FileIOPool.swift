import Dispatch
import Synchronization

/// Threads for blocking file work (write, fsync, rename, read), so that it never occupies
/// Swift's cooperative threads (two on a 2-core machine).
///
/// Each serial `DispatchQueue` made here gets a thread of its own from libdispatch when it
/// has work (measured on Linux: 16 serial queues ran 16 sleeping blocks in parallel, while
/// a concurrent queue ran only about two at a time). Work goes round-robin.
final class FileIOPool: Sendable {
    private let queues: [DispatchQueue]
    private let next = Atomic<Int>(0)

    init(threads: Int) {
        queues = (0 ..< max(1, threads)).map { DispatchQueue(label: "martlet.store.file-io.\($0)") }
    }

    /// Runs `work` on one of the pool's threads and returns its result.
    func run<Value: Sendable>(_ work: @escaping @Sendable () throws(MailStoreError) -> Value) async throws(MailStoreError) -> Value {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        let queue = queues[Int(index.magnitude % UInt(queues.count))]
        let result: Result<Value, MailStoreError> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(MailStoreError) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
