/// Ending the connection: after a failure, or after QUIT.
extension SMTPClientSession {
    /// Ends the connection with `failure`: the current transaction is reported with its
    /// undecided recipients deferred, the messages not begun are handed back, and the session
    /// closes (after QUIT when the server is still in step and waits for one).
    mutating func fail(_ failure: SMTPConnectionFailure, sendingQuit: Bool = false) {
        guard !isClosed else { return }
        if let transaction {
            self.transaction = nil
            let problem: SMTPDeliveryProblem =
                if case .serviceClosing(let reply) = failure { .refusedByServer(reply) } else { .connectionFailed(failure) }
            report(transaction.message, .completed(transaction.results(interruption: problem)))
        }
        let unsent = (messageAwaitingReset.map { [$0] } ?? []) + queue
        messageAwaitingReset = nil
        queue = []
        if sendingQuit, !quitSent {
            quitSent = true
            send("QUIT")
        }
        outbox.append(.connectionFailed(failure, unsentMessages: unsent))
        close()
    }

    /// Gives ``SMTPClientAction/close`` and forgets all state.
    mutating func close() {
        guard !isClosed else { return }
        isClosed = true
        expectations = []
        queue = []
        transaction = nil
        messageAwaitingReset = nil
        contentEncoder = nil
        awaitingTLSHandshake = false
        _ = parser.discardBufferedBytes()
        outbox.append(.close)
    }
}
