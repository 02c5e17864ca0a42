import NIOCore

/// What every client of a run shares: where to connect, the accounts, the clock and
/// counters that end the run, and the recorder its results go to.
struct RunContext: Sendable {
    let endpoint: ClientConnection.Endpoint
    /// Whether sessions upgrade with STARTTLS/STLS after the greeting.
    let startTLS: Bool
    let group: any EventLoopGroup
    let users: UserPattern
    let password: String
    let clients: Int
    let recorder: RunRecorder
    let budget: RunBudget
    /// When everything still running is cut off.
    let hardDeadline: ContinuousClock.Instant
    /// Seeds the clients' random choices (each client draws from its own stream).
    let seed: UInt64

    /// Runs `client` once per client index under the run's hard deadline.
    func runClients(_ client: @escaping @Sendable (Int) async -> Void) async {
        await LoadDriver.run(clients: clients, hardDeadline: hardDeadline, budget: budget, client: client)
    }

    /// Times `body`, records it under `operation` if it succeeds, records the error if not.
    /// An error other than a refusal leaves `connection` in an unknown state: it is closed.
    func measure<Result>(
        _ operation: String, closingOnError connection: ClientConnection? = nil,
        _ body: () async throws(BenchError) -> Result
    ) async -> Result? {
        let start = ContinuousClock.now
        do throws(BenchError) {
            let result = try await body()
            recorder.record(operation, ContinuousClock.now - start)
            return result
        } catch {
            recorder.failed(error)
            if !error.leavesSessionUsable { connection?.close() }
            return nil
        }
    }
}
