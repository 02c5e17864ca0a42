import EventLoopExecution
import NIOCore
import NIOPosix
import ProcessLimits

/// Runs a flood: the baseline phase (legitimate client alone), then the flood phase (held
/// connections and the message flood beside it) until the flood's messages are all
/// attempted — but not before the minimum — or the maximum passes; then stops and closes
/// everything and reports. The legitimate client has an event loop of its own and runs
/// its tasks there, so the flood's work does not queue in front of it on this side.
struct FloodRun: Sendable {
    let plan: FloodPlan
    /// Pause after everything is closed before the last memory sample.
    var settle: Duration = .seconds(2)

    func run() async throws(BenchError) -> FloodReport {
        OpenFileLimit.raise(toAtLeast: plan.fileDescriptorsNeeded)
        if let available = OpenFileLimit.current, available < plan.fileDescriptorsNeeded {
            throw .limitExceeded(
                "the run needs \(plan.fileDescriptorsNeeded) file descriptors and the limit is \(available) (ulimit -n)")
        }
        let floodGroup = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let legitimateGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer {
            floodGroup.shutdownGracefully { _ in }
            legitimateGroup.shutdownGracefully { _ in }
        }
        let phases = FloodPhaseClock()
        let legitimateTally = LegitimateTally()
        let sampler = plan.serverPID.map { MemorySampler(pid: $0) }
        let samplerTask = sampler.map { sampler in Task { await sampler.run(phases: phases) } }
        let legitimate = LegitimateClient(plan: plan, group: legitimateGroup, phases: phases, tally: legitimateTally)
        let executor = EventLoopTaskExecutor(legitimateGroup.next())
        let legitimateTask = Task(executorPreference: executor) { await legitimate.run() }

        try? await Task.sleep(for: plan.baseline)
        sampler?.sample(phase: .baseline)
        phases.advance(to: .flood)
        let flooding = await floodPhase(group: floodGroup)
        phases.advance(to: .stopped)

        await Self.finish(legitimateTask, within: plan.timeout * 8 + .seconds(5))
        samplerTask?.cancel()
        var after: Int?
        if let sampler {
            try? await Task.sleep(for: settle)
            after = sampler.sample(phase: .stopped)
        }
        return FloodReport(
            target: .init(
                host: plan.host, smtpPort: plan.flood.port, submissionPort: plan.submission.port, imapPort: plan.imap.port,
                holdService: plan.holdService.rawValue),
            baselineSeconds: plan.baseline.seconds, floodSeconds: (flooding.elapsed.seconds * 1000).rounded() / 1000,
            floodStoppedBy: flooding.allAttempted ? "all-attempted" : "max-seconds",
            legitimate: LegitimateTally.Operation.allCases.map { operation in
                FloodReport.LegitimateFigures(
                    operation: operation.rawValue, baseline: legitimateTally.figures(operation, phase: .baseline),
                    flood: legitimateTally.figures(operation, phase: .flood))
            },
            hold: FloodReport.HoldFigures(
                requested: plan.holdConnections, fates: flooding.hold.counts, examples: flooding.hold.examples),
            flood: Self.floodFigures(flooding.tally, requested: plan.floodMessages, seconds: flooding.sendingTime.seconds),
            memory: sampler?.figures(after: after))
    }

    /// What the flood phase did.
    private struct Flooding: Sendable {
        let elapsed: Duration
        /// From the start until the last flood message was answered.
        let sendingTime: Duration
        let allAttempted: Bool
        let hold: HoldTally
        let tally: FloodTally
    }

    /// Opens the held connections and runs the flood side by side; ends at the maximum,
    /// or once the flood is done and the minimum has passed. Closes every connection.
    private func floodPhase(group: any EventLoopGroup) async -> Flooding {
        let start = ContinuousClock.now
        let end = start + plan.maximumFlood
        let holdTally = HoldTally()
        let floodTally = FloodTally()
        let budget = RunBudget(deadline: end, operations: plan.floodMessages)
        let held = HeldConnections(
            endpoint: plan.hold, service: plan.holdService, count: plan.holdConnections, parallelism: plan.holdParallelism,
            group: group, tally: holdTally)
        let flooder = SMTPFlooder(
            endpoint: plan.flood, group: group, concurrency: plan.floodConcurrency, heloName: plan.heloName,
            message: plan.floodMessage, recipient: plan.floodRecipient, budget: budget, tally: floodTally)
        let holding = Task { await held.open() }
        // Cut off at the end plus one reply's time: a sender waiting for its last answer.
        let floodTask = Task { await flooder.run() }
        let floodFinished = await Self.finish(floodTask, within: end - .now + plan.timeout)
        let sendingTime = ContinuousClock.now - start
        let allAttempted = floodFinished && floodTally.counts.attempted >= plan.floodMessages
        if allAttempted {
            try? await Task.sleep(until: min(start + plan.minimumFlood, end), clock: .continuous)
        }
        holding.cancel()
        held.release(await holding.value)
        return Flooding(
            elapsed: ContinuousClock.now - start, sendingTime: sendingTime, allAttempted: allAttempted,
            hold: holdTally, tally: floodTally)
    }

    /// Waits for `task` at most `limit`, then cancels it (which closes its connections)
    /// and waits for it to end. Returns whether it ended on its own.
    @discardableResult
    private static func finish(_ task: Task<Void, Never>, within limit: Duration) async -> Bool {
        let endedOnItsOwn = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await task.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            if !first { task.cancel() }
            return first
        }
        await task.value
        return endedOnItsOwn
    }

    private static func floodFigures(_ tally: FloodTally, requested: Int, seconds: Double) -> FloodReport.FloodFigures {
        let counts = tally.counts
        let interval = max(seconds, 1e-6)
        let rate: (Int) -> Double = { (Double($0) / interval * 10).rounded() / 10 }
        return FloodReport.FloodFigures(
            requested: requested, attempted: counts.attempted, accepted: counts.accepted,
            refused4xx: counts.refusedTemporarily, refused5xx: counts.refusedPermanently,
            connectionErrors: counts.connectionErrors, errorsByKind: counts.errorsByKind, examples: counts.examples,
            sessionsOpened: counts.sessionsOpened, sessionsRefusedAtOpening: counts.sessionsRefusedAtOpening,
            serverCloses: counts.serverCloses, seconds: (seconds * 1000).rounded() / 1000,
            acceptedPerSecond: rate(counts.accepted), attemptedPerSecond: rate(counts.attempted))
    }
}
