import NIOCore

/// The message half of a flood: `concurrency` sessions from one address send small
/// messages to the SMTP port as fast as the server answers, many per session, until
/// `budget` is used up or its deadline passes. Each claimed message gets exactly one
/// outcome in `tally`; a session the server closed or refused is opened again after a
/// backoff that grows from `initialBackoff` to `maximumBackoff` and resets on success.
struct SMTPFlooder: Sendable {
    let endpoint: ClientConnection.Endpoint
    let group: any EventLoopGroup
    let concurrency: Int
    let heloName: String
    let message: FixedSizeMessage
    let recipient: String
    let budget: RunBudget
    let tally: FloodTally
    var initialBackoff: Duration = .milliseconds(50)
    var maximumBackoff: Duration = .seconds(1)

    /// Runs every sender until the budget is used up or the task is cancelled.
    func run() async {
        await withTaskGroup(of: Void.self) { tasks in
            for index in 0..<concurrency {
                tasks.addTask { await runSender(index) }
            }
        }
    }

    private func runSender(_ index: Int) async {
        var session: SMTPClientSession?
        var backoff = initialBackoff
        var sequence = 0
        while !Task.isCancelled, budget.take() {
            sequence += 1
            if session == nil {
                do throws(BenchError) {
                    session = try await SMTPClientSession.open(endpoint, group: group, startTLS: false, heloName: heloName)
                    tally.sessionOpened()
                } catch {
                    tally.record(FloodTally.Outcome(error: error))
                    switch error {
                    case .refused, .connectionClosed: tally.sessionRefusedAtOpening()
                    default: break
                    }
                    await pause(&backoff)
                    continue
                }
            }
            guard let current = session else { continue }
            let parts = [message.header(recipient: recipient, client: index, sequence: sequence), message.body]
            let result = await FloodTransaction(
                session: current, sender: message.sender, recipient: recipient, stuffedParts: parts
            ).send()
            tally.record(result.outcome)
            if result.sessionUsable {
                if result.outcome == .accepted { backoff = initialBackoff }
                continue
            }
            switch result.outcome {
            case .connectionError(.connectionClosed), .refusedTemporarily: tally.serverClosed()
            default: break
            }
            current.connection.close()
            session = nil
            await pause(&backoff)
        }
        if let session { await session.quit() }
    }

    /// Waits `backoff` (cut short by cancellation), then doubles it up to the maximum.
    private func pause(_ backoff: inout Duration) async {
        try? await Task.sleep(for: backoff)
        backoff = min(backoff * 2, maximumBackoff)
    }
}
