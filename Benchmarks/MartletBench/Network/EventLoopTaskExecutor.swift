import NIOCore

/// A task executor that runs its jobs on one NIO event loop thread. A task started with
/// this executor as its preference (and its child tasks) runs there instead of on the
/// shared cooperative pool, so its timings are not skewed by other work queued on that
/// pool — the flood workload's legitimate client uses it.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { unownedJob.runSynchronously(on: executor) }
    }
}
