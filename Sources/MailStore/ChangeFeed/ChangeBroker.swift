import Locking

/// Hands committed changes to the subscribers of each account, with a bounded buffer per
/// subscriber.
///
/// Policy when a subscriber falls behind: once `bufferLimit` events wait in its buffer, the
/// next event is replaced by one `.resyncNeeded` and further events are dropped until the
/// subscriber has taken that marker; after it, events flow again. So memory per subscriber
/// stays below `bufferLimit + 1` events whatever the subscriber does.
final class ChangeBroker: Sendable {
    private struct Subscriber {
        let continuation: AsyncStream<StoreChange>.Continuation
        /// Events yielded and not yet taken by the subscriber.
        var pending = 0
        /// A `.resyncNeeded` is waiting and events are being dropped.
        var overflowed = false
    }

    private struct State {
        var nextIdentifier = 0
        var subscribers: [AccountID: [Int: Subscriber]] = [:]
        var isClosed = false
    }

    private let state = Locked(State())
    let bufferLimit: Int

    init(bufferLimit: Int) {
        self.bufferLimit = max(1, bufferLimit)
    }

    /// A new subscription to an account's changes.
    func subscribe(to account: AccountID) -> ChangeFeed {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreChange.self, bufferingPolicy: .unbounded)
        let identifier: Int? = state.withLock { state in
            guard !state.isClosed else { return nil }
            let identifier = state.nextIdentifier
            state.nextIdentifier += 1
            state.subscribers[account, default: [:]][identifier] = Subscriber(continuation: continuation)
            return identifier
        }
        guard let identifier else {
            continuation.finish()
            return ChangeFeed(stream: stream, acknowledge: { _ in })
        }
        continuation.onTermination = { [weak self] _ in
            self?.unsubscribe(account: account, identifier: identifier)
        }
        return ChangeFeed(stream: stream) { [weak self] change in
            self?.acknowledge(change, account: account, identifier: identifier)
        }
    }

    /// Publishes changes in the order given (the commit order).
    func publish(_ changes: [(account: AccountID, change: StoreChange)]) {
        guard !changes.isEmpty else { return }
        state.withLock { state in
            for (account, change) in changes {
                guard var subscribers = state.subscribers[account] else { continue }
                for (identifier, var subscriber) in subscribers {
                    if subscriber.overflowed { continue }
                    if subscriber.pending >= bufferLimit {
                        subscriber.continuation.yield(.resyncNeeded)
                        subscriber.overflowed = true
                    } else {
                        subscriber.continuation.yield(change)
                    }
                    subscriber.pending += 1
                    subscribers[identifier] = subscriber
                }
                state.subscribers[account] = subscribers
            }
        }
    }

    /// Ends every subscription.
    func close() {
        let continuations = state.withLock { state in
            state.isClosed = true
            let all = state.subscribers.values.flatMap { $0.values.map(\.continuation) }
            state.subscribers = [:]
            return all
        }
        // Outside the lock: finishing runs onTermination, which takes the lock.
        for continuation in continuations { continuation.finish() }
    }

    /// The number of live subscriptions of an account (for tests and metrics).
    func subscriberCount(of account: AccountID) -> Int {
        state.withLock { $0.subscribers[account]?.count ?? 0 }
    }

    private func acknowledge(_ change: StoreChange, account: AccountID, identifier: Int) {
        state.withLock { state in
            guard var subscriber = state.subscribers[account]?[identifier] else { return }
            subscriber.pending = max(0, subscriber.pending - 1)
            if change == .resyncNeeded { subscriber.overflowed = false }
            state.subscribers[account]?[identifier] = subscriber
        }
    }

    private func unsubscribe(account: AccountID, identifier: Int) {
        state.withLock { state in
            state.subscribers[account]?[identifier] = nil
            if state.subscribers[account]?.isEmpty == true { state.subscribers[account] = nil }
        }
    }
}
