/// `martlet-bench pop3`: each client logs in as its account, retrieves and deletes the
/// messages of its maildrop (RETR then DELE, one by one), and QUITs so the deletions take
/// effect; then starts over. "retr" is timed from the command to the end of the message.
/// A client whose maildrop is empty stops (fill the mailboxes first).
struct POP3RetrieveWorkload: Sendable {
    let context: RunContext
    /// Most messages retrieved in one session before QUIT (0: the whole maildrop).
    let messagesPerSession: Int

    func run() async {
        await context.runClients { index in await runClient(index) }
    }

    private func runClient(_ index: Int) async {
        while !Task.isCancelled, !context.budget.isOver {
            let login = await context.measure("login") { () async throws(BenchError) -> (POP3ClientSession, Int) in
                let session = try await context.openPOP3(user: context.users.address(forClient: index))
                return (session, try await session.connection.closingOnFailure { () async throws(BenchError) in
                    try await session.messageCount()
                })
            }
            guard let (session, count) = login else {
                await LoadDriver.pauseAfterFailure()
                continue
            }
            context.recorder.count("sessions")
            if count == 0 {
                _ = try? await session.quit()
                context.recorder.count("clients-found-empty-maildrop")
                return
            }
            let last = messagesPerSession > 0 ? min(count, messagesPerSession) : count
            var number = 1
            while number <= last, session.connection.isActive, !Task.isCancelled, context.budget.take() {
                let size = await context.measure("retr", closingOnError: session.connection) { () async throws(BenchError) in try await session.retrieve(number) }
                if let size {
                    context.recorder.count("bytes-retrieved", size)
                    _ = await context.measure("dele", closingOnError: session.connection) { () async throws(BenchError) in try await session.delete(number) }
                }
                number += 1
            }
            guard session.connection.isActive else { continue }
            _ = await context.measure("quit") { () async throws(BenchError) in try await session.quit() }
        }
    }
}
