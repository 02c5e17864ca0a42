import MailCore
import NIOCore

/// Slows down a client that errs: once a session has made more than
/// `Limits.tarpitFreeErrors` errors (bad commands, failed logins), the answer to each new
/// error is held back `tarpitStepMilliseconds` more per error (up to
/// `tarpitMaximumMilliseconds`), and input is not read meanwhile. A correct client never
/// notices; a password guesser or a scanner gets one answer every few seconds.
struct Tarpit {
    private let freeErrors: Int
    private let step: Int64
    private let maximum: Int64
    private var errorsAnswered = 0
    /// Whether output is being held back now (input must not be read).
    private(set) var isHolding = false
    /// Whether the connection closes once the held output is sent.
    private var closesAfterRelease = false

    init(limits: Limits) {
        freeErrors = limits.tarpitFreeErrors
        step = Int64(limits.tarpitStepMilliseconds)
        maximum = Int64(limits.tarpitMaximumMilliseconds)
    }

    /// The hold-back for output written after the session's error count reached `errors`;
    /// nil when there is no new error past the free ones.
    mutating func delay(forErrors errors: Int) -> TimeAmount? {
        defer { errorsAnswered = max(errorsAnswered, errors) }
        guard errors > errorsAnswered, errors > freeErrors, step > 0, maximum > 0 else { return nil }
        return .milliseconds(min(step * Int64(errors - freeErrors), maximum))
    }

    /// Flushes `context` now, or — when the session made a new error past the free ones — after
    /// the delay, then calls `released` (which must release the held read). While held, later
    /// flushes wait for the same release.
    mutating func flush<Handler: AnyObject>(
        _ handler: Handler, context: ChannelHandlerContext, errors: Int,
        tarpit: ReferenceWritableKeyPath<Handler, Tarpit>,
        released: @escaping (Handler, ChannelHandlerContext) -> Void
    ) {
        if isHolding { return }
        guard let delay = delay(forErrors: errors) else {
            context.flush()
            return
        }
        isHolding = true
        let bound = NIOLoopBound((handler, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: delay) {
            let (handler, context) = bound.value
            handler[keyPath: tarpit].isHolding = false
            context.flush()
            if handler[keyPath: tarpit].closesAfterRelease {
                context.close(promise: nil)
            } else {
                released(handler, context)
            }
        }
    }

    /// Closes `context` now, or after the held output when output is held back.
    mutating func close(_ context: ChannelHandlerContext) {
        if isHolding {
            closesAfterRelease = true
        } else {
            context.close(promise: nil)
        }
    }
}
