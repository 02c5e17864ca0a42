import EventLoopExecution
import MailStore
import NIOCore

/// Runs `question` in a task (store lookups, commits) and hands its answer to `apply` on
/// the connection's event loop — unless the channel closed meanwhile, in which case the
/// answer is dropped. Protocol handlers use it for every question their sans-I/O session
/// asks.
///
/// With `placement` `.eventLoop` the task itself runs on the connection's loop between its
/// awaits, so a store request costs one hand-off to the store's thread and one back,
/// instead of two more through the cooperative pool; only for questions that never block
/// a thread (they await the store, whose work runs on its own threads).
func answerOffLoop<Handler: AnyObject, Answer: Sendable>(
    _ handler: Handler, context: ChannelHandlerContext, placement: TaskPlacement = .cooperativePool,
    _ question: @escaping @Sendable () async -> Answer,
    apply: @escaping (Handler, ChannelHandlerContext, Answer) -> Void
) {
    let bound = NIOLoopBound((handler, context, apply), eventLoop: context.eventLoop)
    let eventLoop = context.eventLoop
    Task(executorPreference: placement.executor(for: eventLoop)) {
        let value = await question()
        onLoop(eventLoop) {
            let (handler, context, apply) = bound.value
            guard context.channel.isActive else { return }
            apply(handler, context, value)
        }
    }
}

/// Passes every change of `feed` to `apply` on the connection's event loop, while the
/// channel is open; the returned task ends the subscription when cancelled. With
/// `placement` `.eventLoop` the task waits for changes on that loop.
func forwardChanges<Handler: AnyObject>(
    _ feed: ChangeFeed, to handler: Handler, context: ChannelHandlerContext, placement: TaskPlacement = .cooperativePool,
    apply: @escaping (Handler, ChannelHandlerContext, StoreChange) -> Void
) -> Task<Void, Never> {
    let bound = NIOLoopBound((handler, context, apply), eventLoop: context.eventLoop)
    let eventLoop = context.eventLoop
    return Task(executorPreference: placement.executor(for: eventLoop)) {
        for await change in feed {
            onLoop(eventLoop) {
                let (handler, context, apply) = bound.value
                guard context.channel.isActive else { return }
                apply(handler, context, change)
            }
        }
    }
}

/// Where the task of `answerOffLoop` or `forwardChanges` runs between its awaits.
enum TaskPlacement: Sendable {
    /// The shared cooperative pool.
    case cooperativePool
    /// The connection's event loop (the task must never block).
    case eventLoop

    func executor(for eventLoop: any EventLoop) -> (any TaskExecutor)? {
        switch self {
        case .cooperativePool: nil
        case .eventLoop: EventLoopTaskExecutor(eventLoop)
        }
    }
}

/// Runs `body` at once when called on `eventLoop` (a task placed there), else schedules it
/// there.
private func onLoop(_ eventLoop: any EventLoop, _ body: @escaping @Sendable () -> Void) {
    if eventLoop.inEventLoop {
        body()
    } else {
        eventLoop.execute(body)
    }
}

/// Holds the pipeline's reads while a session waits for an answer (a store lookup, a
/// commit), so a client cannot make the server buffer its input without bound; the held
/// read is issued once the session reads on.
struct ReadGate {
    private var held = false

    /// A read the pipeline asks for: passed on unless the session waits.
    mutating func read(context: ChannelHandlerContext, sessionWaits: Bool) {
        if sessionWaits {
            held = true
        } else {
            context.read()
        }
    }

    /// Issues the held read, if any, once the session no longer waits and is open.
    mutating func release(context: ChannelHandlerContext, sessionWaits: Bool, sessionClosed: Bool) {
        guard held, !sessionWaits, !sessionClosed else { return }
        held = false
        context.read()
    }
}
