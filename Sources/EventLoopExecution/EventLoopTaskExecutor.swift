import NIOCore

/// A task executor that runs its jobs on one NIO event loop thread. A task started with
/// this executor as its preference (and its child tasks) runs there instead of on the
/// shared cooperative pool: it resumes on the loop after each await, without a hand-off
/// to a pool thread and back, and its timings are not skewed by other work queued on the
/// pool.
public final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop the jobs run on.
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { unownedJob.runSynchronously(on: executor) }
    }
}
