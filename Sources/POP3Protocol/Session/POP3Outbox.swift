/// The actions a session produces during one call, in order, and whether something written
/// since the last ``POP3ServerAction/flush`` still waits for one.
struct POP3Outbox: Sendable {
    private var actions: [POP3ServerAction] = []
    private var needsFlush = false

    /// Queues a response to write.
    mutating func send(_ response: POP3Response) {
        actions.append(.send(response))
        needsFlush = true
    }

    /// Queues an action that writes nothing by itself (a question, a release, a close...).
    mutating func append(_ action: POP3ServerAction) {
        actions.append(action)
    }

    /// Notes that the glue wrote something on its own (a message), which a flush must follow.
    mutating func noteWrittenByGlue() {
        needsFlush = true
    }

    /// Queues a flush if anything was written since the last one.
    mutating func flushIfNeeded() {
        guard needsFlush else { return }
        actions.append(.flush)
        needsFlush = false
    }

    /// Hands the queued actions over and empties the queue.
    mutating func take() -> [POP3ServerAction] {
        defer { actions = [] }
        return actions
    }
}
