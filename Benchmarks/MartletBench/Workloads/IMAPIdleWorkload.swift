/// `martlet-bench imap --workload idle`: opens `--clients` sessions (connect, LOGIN,
/// SELECT, IDLE), holds them all idling for the duration, then ends each (DONE, LOGOUT).
/// "open" is timed from connect to the server's "+" for IDLE. With `--pid`, the server's
/// resident memory is sampled before, once all sessions idle, and at the end of the hold.
struct IMAPIdleWorkload: Sendable {
    let context: RunContext
    let mailbox: String
    /// How long the sessions are held once open.
    let hold: Duration
    /// Wait after opening before sampling memory, so the server settles.
    let settle: Duration
    let connectParallelism: Int
    let memoryProcess: (pid: Int32, includeDescendants: Bool)?

    func run() async throws(BenchError) -> WorkloadOutcome {
        let before = try sampleMemory()
        let openingStart = ContinuousClock.now
        let sessions = await openAll()
        let opening = ContinuousClock.now - openingStart
        context.recorder.count("sessions-open", sessions.count)
        var opened: ProcessMemory?
        var held: ProcessMemory?
        if !Task.isCancelled {
            try? await Task.sleep(for: settle)
            opened = try sampleMemory()
            try? await Task.sleep(until: min(ContinuousClock.now + hold, context.hardDeadline), clock: .continuous)
            held = try sampleMemory()
            context.budget.stop(.duration)
        }
        context.recorder.count("sessions-alive-at-end", sessions.filter(\.connection.isActive).count)
        await closeAll(sessions)
        guard let memoryProcess, let before, let opened, let held else {
            return WorkloadOutcome(memory: nil, rateInterval: opening)
        }
        let memory = BenchReport.Memory(
            pid: memoryProcess.pid, includesDescendants: memoryProcess.includeDescendants, before: before,
            opened: opened, held: held,
            perSessionKilobytes: sessions.isEmpty
                ? nil : Double(opened.residentKilobytes - before.residentKilobytes) / Double(sessions.count))
        return WorkloadOutcome(memory: memory, rateInterval: opening)
    }

    private func sampleMemory() throws(BenchError) -> ProcessMemory? {
        guard let memoryProcess else { return nil }
        return try ProcessMemory.sample(pid: memoryProcess.pid, includeDescendants: memoryProcess.includeDescendants)
    }

    /// Opens the sessions, at most `connectParallelism` at a time.
    private func openAll() async -> [IMAPClientSession] {
        await withTaskGroup(of: IMAPClientSession?.self) { group in
            var sessions: [IMAPClientSession] = []
            var next = 0
            func collect(_ session: IMAPClientSession?) {
                if let session { sessions.append(session) }
            }
            while next < context.clients, next < connectParallelism {
                let index = next
                group.addTask { await open(index) }
                next += 1
            }
            while let session = await group.next() {
                collect(session)
                if next < context.clients, !Task.isCancelled, ContinuousClock.now < context.budget.deadline {
                    let index = next
                    group.addTask { await open(index) }
                    next += 1
                }
            }
            return sessions
        }
    }

    private func open(_ index: Int) async -> IMAPClientSession? {
        await context.measure("open") { () async throws(BenchError) -> IMAPClientSession in
            var session = try await context.openIMAP(user: context.users.address(forClient: index))
            try await session.connection.closingOnFailure { () async throws(BenchError) in
                try await session.select(mailbox)
                try await session.startIdle()
            }
            return session
        }
    }

    /// Ends every session (DONE, then LOGOUT), `connectParallelism` at a time.
    private func closeAll(_ sessions: [IMAPClientSession]) async {
        await withTaskGroup(of: Void.self) { group in
            var pending = sessions[...]
            func startNext() {
                guard let next = pending.popFirst() else { return }
                group.addTask {
                    var session = next
                    guard session.connection.isActive else { return }
                    _ = await context.measure("done") { () async throws(BenchError) in try await session.endIdle() }
                    try? await session.logout()
                }
            }
            for _ in 0..<connectParallelism { startNext() }
            while await group.next() != nil { startNext() }
        }
    }
}
