import NIOCore

/// A timer that fires `action` on the event loop after a period without activity; every
/// `reset` starts the period again.
///
/// A reset only moves the deadline (one reading of the loop's clock): the pending timer is replaced only when
/// the new deadline is earlier than it, and a timer that fires before the deadline arms
/// itself again for the rest. Sessions reset it on every command, so this saves a cancelled
/// and a newly scheduled task per command. Used on its channel's event loop only.
final class IdleTimer {
    private var deadline = NIODeadline.distantFuture
    private var scheduled: Scheduled<Void>?
    private var scheduledFor = NIODeadline.distantFuture

    /// Starts the period (`period` from now) after which `action` runs, unless reset again.
    func reset<Handler: AnyObject>(_ handler: Handler, context: ChannelHandlerContext, after period: TimeAmount,
                                   action: @escaping (Handler, ChannelHandlerContext) -> Void) {
        deadline = context.eventLoop.now + period
        if scheduled != nil, scheduledFor <= deadline { return }
        scheduled?.cancel()
        arm(handler, context: context, action: action)
    }

    /// Stops the timer: `action` does not run.
    func cancel() {
        scheduled?.cancel()
        scheduled = nil
        deadline = .distantFuture
    }

    private func arm<Handler: AnyObject>(_ handler: Handler, context: ChannelHandlerContext,
                                         action: @escaping (Handler, ChannelHandlerContext) -> Void) {
        scheduledFor = deadline
        let bound = NIOLoopBound((self, handler, context, action), eventLoop: context.eventLoop)
        scheduled = context.eventLoop.scheduleTask(deadline: deadline) {
            let (timer, handler, context, action) = bound.value
            timer.scheduled = nil
            if context.eventLoop.now >= timer.deadline {
                action(handler, context)
            } else {
                timer.arm(handler, context: context, action: action)
            }
        }
    }
}
