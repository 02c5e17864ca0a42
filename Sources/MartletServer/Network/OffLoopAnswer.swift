import MailStore
import NIOCore

/// Runs `question` off the event loop (store lookups, commits) and hands its answer to
/// `apply` back on the connection's event loop — unless the channel closed meanwhile, in
/// which case the answer is dropped. Protocol handlers use it for every question their
/// sans-I/O session asks.
func answerOffLoop<Handler: AnyObject, Answer: Sendable>(
    _ handler: Handler, context: ChannelHandlerContext,
    _ question: @escaping @Sendable () async -> Answer,
    apply: @escaping (Handler, ChannelHandlerContext, Answer) -> Void
) {
    let bound = NIOLoopBound((handler, context, apply), eventLoop: context.eventLoop)
    let eventLoop = context.eventLoop
    Task {
        let value = await question()
        eventLoop.execute {
            let (handler, context, apply) = bound.value
            guard context.channel.isActive else { return }
            apply(handler, context, value)
        }
    }
}

/// Passes every change of `feed` to `apply` on the connection's event loop, while the
/// channel is open; the returned task ends the subscription when cancelled.
func forwardChanges<Handler: AnyObject>(
    _ feed: ChangeFeed, to handler: Handler, context: ChannelHandlerContext,
    apply: @escaping (Handler, ChannelHandlerContext, StoreChange) -> Void
) -> Task<Void, Never> {
    let bound = NIOLoopBound((handler, context, apply), eventLoop: context.eventLoop)
    let eventLoop = context.eventLoop
    return Task {
        for await change in feed {
            eventLoop.execute {
                let (handler, context, apply) = bound.value
                guard context.channel.isActive else { return }
                apply(handler, context, change)
            }
        }
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
