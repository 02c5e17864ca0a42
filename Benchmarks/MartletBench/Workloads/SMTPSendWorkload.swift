/// `martlet-bench smtp`: each client opens sessions and sends `--size` messages, pipelined
/// when the server offers PIPELINING. "send" is timed from the end-of-data "." to the 250.
struct SMTPSendWorkload: Sendable {
    let context: RunContext
    let heloName: String
    let sender: String
    let message: FixedSizeMessage
    let messagesPerSession: Int
    /// AUTH PLAIN as the client's account (submission ports).
    let authenticate: Bool
    /// Where messages go (`--to`, or the accounts).
    let recipients: UserPattern
    /// Envelope recipients of each message, consecutive numbers of `recipients`.
    let recipientsPerMessage: Int

    func run() async {
        await context.runClients { index in await runClient(index) }
    }

    private func runClient(_ index: Int) async {
        var sequence = 0
        while !Task.isCancelled, !context.budget.isOver {
            let session = await context.measure("connect") { () async throws(BenchError) -> SMTPClientSession in
                try await context.openSMTP(heloName: heloName, authenticatingAs: authenticate ? context.users.address(forClient: index) : nil)
            }
            guard let session else {
                await LoadDriver.pauseAfterFailure()
                continue
            }
            context.recorder.count("sessions")
            var sent = 0
            while sent < messagesPerSession, session.connection.isActive, !Task.isCancelled, context.budget.take() {
                sent += 1
                sequence += 1
                // Message k of all clients starts at recipient k × per-message, round-robin.
                let first = (index + sequence * context.clients) * recipientsPerMessage
                let envelope = (0..<recipientsPerMessage).map { recipients.address(forClient: first + $0) }
                let outgoing = OutgoingMessage(
                    sender: sender, recipients: envelope,
                    stuffedParts: [message.header(recipient: envelope[0], client: index, sequence: sequence), message.body],
                    hasEightBitText: false)
                do throws(BenchError) {
                    let latency = try await session.send(outgoing)
                    context.recorder.record("send", latency)
                    context.recorder.count("bytes-sent", outgoing.stuffedParts.reduce(0) { $0 + $1.readableBytes })
                } catch {
                    context.recorder.failed(error)
                    if !error.leavesSessionUsable { session.connection.close() }
                }
            }
            await session.quit()
        }
    }
}
