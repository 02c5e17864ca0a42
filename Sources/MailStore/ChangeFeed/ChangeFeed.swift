/// The committed changes of one account, in commit order (see `ChangeFeedSource`).
public struct ChangeFeed: AsyncSequence, Sendable {
    public typealias Element = StoreChange
    public typealias Failure = Never

    let stream: AsyncStream<StoreChange>
    /// Tells the publisher that the subscriber took one event out of its buffer.
    let acknowledge: @Sendable (StoreChange) -> Void

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), acknowledge: acknowledge)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<StoreChange>.AsyncIterator
        let acknowledge: @Sendable (StoreChange) -> Void

        /// The next change, or nil when the store closed or the task was cancelled.
        public mutating func next() async -> StoreChange? {
            guard let change = await base.next() else { return nil }
            acknowledge(change)
            return change
        }
    }
}
