/// Runs a workload's clients side by side and makes sure none outlives the run: at the
/// hard deadline everything still running is cancelled (which closes its connections).
enum LoadDriver {
    /// Runs `count` clients concurrently until each returns or the hard deadline passes.
    static func run(
        clients count: Int, hardDeadline: ContinuousClock.Instant, budget: RunBudget,
        client: @escaping @Sendable (Int) async -> Void
    ) async {
        await withHardDeadline(hardDeadline, budget: budget) {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask { await client(index) }
                }
            }
        }
    }

    /// Runs `body`, cancelling it if it is still running at `hardDeadline` (then nil).
    @discardableResult
    static func withHardDeadline<Result: Sendable>(
        _ hardDeadline: ContinuousClock.Instant, budget: RunBudget, _ body: @escaping @Sendable () async -> Result
    ) async -> Result? {
        await withTaskGroup(of: Result?.self) { group in
            group.addTask {
                try? await Task.sleep(until: hardDeadline, clock: .continuous)
                if !Task.isCancelled { budget.stop(.hardLimit) }
                return nil
            }
            group.addTask { await body() }
            var result: Result?
            // The first task to finish decides: the body (its result) or the watchdog (nil).
            if let first = await group.next() { result = first }
            group.cancelAll()
            while await group.next() != nil {}
            return result
        }
    }

    /// A short pause after a failed connection, so a refusing server is not hammered in a loop.
    static func pauseAfterFailure() async {
        try? await Task.sleep(for: .milliseconds(BenchLimits.reconnectPauseMilliseconds))
    }
}
