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

    /// Marks the output held back (or not) for `errors` errors; true when it must wait.
    /// Also true while an earlier hold-back lasts: its release flushes everything.
    private mutating func holds(forErrors errors: Int) -> TimeAmount?? {
        if isHolding { return .some(nil) }
        guard let delay = delay(forErrors: errors) else { return nil }
        isHolding = true
        return .some(delay)
    }

    /// Ends a hold-back; true when the connection must then close.
    private mutating func release() -> Bool {
        isHolding = false
        return closesAfterRelease
    }

    /// Whether a close must wait for the held-back output (it is then remembered).
    private mutating func defersClose() -> Bool {
        if isHolding { closesAfterRelease = true }
        return isHolding
    }

    // The channel calls below run outside any mutating access to the handler's tarpit: a
    // flush or close can re-enter the handler (writability, channelInactive), which reads it.

    /// Flushes `context` now, or — when the session made a new error past the free ones —
    /// after the delay, and then calls `released` (which must release the held read). While
    /// output is held, later flushes wait for the same release.
    static func flush<Handler: AnyObject>(
        _ handler: Handler, context: ChannelHandlerContext, errors: Int,
        tarpit: ReferenceWritableKeyPath<Handler, Tarpit>,
        released: @escaping (Handler, ChannelHandlerContext) -> Void
    ) {
        guard let held = handler[keyPath: tarpit].holds(forErrors: errors) else {
            context.flush()
            return
        }
        guard let delay = held else { return }
        let bound = NIOLoopBound((handler, context, tarpit, released), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: delay) {
            let (handler, context, tarpit, released) = bound.value
            let closes = handler[keyPath: tarpit].release()
            context.flush()
            if closes {
                context.close(promise: nil)
            } else {
                released(handler, context)
            }
        }
    }

    /// Closes `context` now, or after the held-back output when output is held back.
    static func close<Handler: AnyObject>(_ handler: Handler, context: ChannelHandlerContext,
                                          tarpit: ReferenceWritableKeyPath<Handler, Tarpit>) {
        if !handler[keyPath: tarpit].defersClose() { context.close(promise: nil) }
    }
}
