import NIOCore

/// The flood workload's legitimate user: every `interval`, from its own address and its
/// own event loop, it logs in over IMAP and, side by side, sends one message over
/// submission, timing each operation whole. An operation that overruns the interval
/// delays the next one of its kind (never two of a kind at once). It stops when the
/// phase clock says `stopped`.
struct LegitimateClient: Sendable {
    let plan: FloodPlan
    let group: any EventLoopGroup
    let phases: FloodPhaseClock
    let tally: LegitimateTally

    /// Runs both operations' loops until the run stops.
    func run() async {
        await withTaskGroup(of: Void.self) { tasks in
            for operation in LegitimateTally.Operation.allCases {
                tasks.addTask { await loop(operation) }
            }
        }
    }

    private func loop(_ operation: LegitimateTally.Operation) async {
        var sequence = 0
        while !Task.isCancelled {
            let phase = phases.current
            guard phase != .stopped else { return }
            sequence += 1
            let start = ContinuousClock.now
            do throws(BenchError) {
                switch operation {
                case .imapLogin: try await imapLogin()
                case .submissionSend: try await submissionSend(sequence: sequence)
                }
                tally.record(operation, phase: phase, ContinuousClock.now - start)
            } catch {
                if !Task.isCancelled { tally.failed(operation, phase: phase, error) }
            }
            await waitUntil(start + plan.legitimateInterval)
        }
    }

    /// Sleeps until `instant` in short steps, waking early when the run stops.
    private func waitUntil(_ instant: ContinuousClock.Instant) async {
        while ContinuousClock.now < instant, phases.current != .stopped, !Task.isCancelled {
            try? await Task.sleep(until: min(instant, .now + .milliseconds(100)), clock: .continuous)
        }
    }

    /// Connect, STARTTLS if asked, LOGIN, SELECT INBOX, LOGOUT.
    func imapLogin() async throws(BenchError) {
        var session = try await IMAPClientSession.open(plan.imap, group: group, startTLS: plan.imapStartTLS)
        try await session.connection.closingOnFailure { () async throws(BenchError) in
            try await session.login(user: plan.user, password: plan.password)
            try await session.select("INBOX")
            try await session.logout()
        }
    }

    /// Connect, EHLO, STARTTLS (or TLS from the start), AUTH PLAIN, one message to itself, QUIT.
    func submissionSend(sequence: Int) async throws(BenchError) {
        let session = try await SMTPClientSession.open(
            plan.submission, group: group, startTLS: plan.submissionStartTLS, heloName: plan.heloName)
        try await session.connection.closingOnFailure { () async throws(BenchError) in
            try await session.authenticate(user: plan.user, password: plan.password)
            let message = plan.legitimateMessage
            _ = try await session.send(OutgoingMessage(
                sender: plan.user, recipient: plan.user,
                stuffedParts: [message.header(recipient: plan.user, client: 0, sequence: sequence), message.body],
                hasEightBitText: false))
        }
        await session.quit()
    }
}
