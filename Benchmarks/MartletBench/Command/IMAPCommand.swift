import ArgumentParser

/// `martlet-bench imap --workload mixed|cycle|idle`.
struct IMAPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imap",
        abstract: "A weighted mix of IMAP commands, a fixed client cycle, or many sessions held in IDLE.",
        discussion: """
            mixed: each client logs in, selects --mailbox, and draws operations by --weights \
            (defaults: \(IMAPWeights.defaults.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ","))); \
            a client logs in again after each logout. --messages counts operations.
            cycle: each client repeats login, SELECT, FETCH of the newest 50 headers, one FETCH \
            of 5 bodies, STORE of a flag, APPEND, STORE \\Deleted + EXPUNGE of the newest \
            message, LOGOUT (--stay-logged-in: one login, then the cycle without LOGOUT). \
            --messages counts operations.
            idle: opens --clients sessions (LOGIN, SELECT, IDLE), holds them for --duration, \
            then ends them. With --pid, the server's resident memory (VmRSS) is sampled \
            before, once all sessions idle, and at the end (--include-children adds its \
            descendant processes, for servers with a process per session).
            """)

    enum Workload: String, ExpressibleByArgument, CaseIterable {
        case mixed
        case cycle
        case idle
    }

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var accounts: AccountOptions
    @OptionGroup var load: LoadOptions

    @Option(help: "mixed, cycle or idle.")
    var workload: Workload = .mixed

    @Option(help: ArgumentHelp("Operation weights for mixed, e.g. 'fetch-body=40,logout=0'.", valueName: "name=weight,..."))
    var weights: String?

    @Flag(help: "cycle: log in once and repeat the cycle without LOGOUT.")
    var stayLoggedIn = false

    @Option(help: "The mailbox to select and append to.")
    var mailbox = "INBOX"

    @Option(help: "idle: the server's process id, to sample its resident memory.")
    var pid: Int32?

    @Flag(help: "idle: with --pid, add the memory of the process's descendants.")
    var includeChildren = false

    @Option(help: ArgumentHelp("idle: seconds to wait once all sessions are open before sampling memory.", valueName: "seconds"))
    var settle = 2.0

    @Option(help: "idle: sessions being opened at once.")
    var connectParallelism = 50

    func validate() throws {
        do {
            _ = try IMAPWeights(parsing: weights)
        } catch {
            throw ValidationError(error.description)
        }
        guard IMAPQuoting.canQuote(mailbox), !mailbox.isEmpty else { throw ValidationError("--mailbox must be a name without CR, LF or NUL") }
        if workload != .idle, pid != nil || includeChildren { throw ValidationError("--pid and --include-children apply to --workload idle") }
        if workload != .cycle, stayLoggedIn { throw ValidationError("--stay-logged-in applies to --workload cycle") }
        if workload == .idle, load.messages != nil { throw ValidationError("--messages does not apply to --workload idle (--clients sessions are held for --duration)") }
        if includeChildren, pid == nil { throw ValidationError("--include-children needs --pid") }
        if let pid, pid <= 0 { throw ValidationError("--pid must be a process id") }
        guard settle >= 0, settle <= 60 else { throw ValidationError("--settle must be 0...60 seconds") }
        guard (1...BenchLimits.maximumConnectParallelism).contains(connectParallelism) else {
            throw ValidationError("--connect-parallelism must be 1...\(BenchLimits.maximumConnectParallelism)")
        }
    }

    func report() async throws -> BenchReport {
        switch workload {
        case .mixed: try await mixedReport()
        case .cycle: try await cycleReport()
        case .idle: try await idleReport()
        }
    }

    private func mixedReport() async throws -> BenchReport {
        guard let choice = try IMAPWeights(parsing: weights).choice else { throw ValidationError("no operation has a weight") }
        let users = try accounts.pattern()
        let message = FixedSizeMessage(
            size: load.size, sender: "bench@\(users.domain ?? "martlet-bench.test")", runID: RunIdentifier.make())
        let plan = RunPlan(
            command: "imap", workload: "mixed", headline: "all", clients: load.clients, seconds: load.plannedSeconds,
            operations: load.operationLimit, seed: load.seed)
        return try await BenchRunner.run(
            plan, connection: connection, accounts: accounts, standardPort: 143, implicitTLSPort: 993
        ) { [mailbox] context throws(BenchError) in
            await IMAPMixedWorkload(context: context, choice: choice, mailbox: mailbox, message: message).run()
            return .nothingMore
        }
    }

    private func cycleReport() async throws -> BenchReport {
        let users = try accounts.pattern()
        let message = FixedSizeMessage(
            size: load.size, sender: "bench@\(users.domain ?? "martlet-bench.test")", runID: RunIdentifier.make())
        let plan = RunPlan(
            command: "imap", workload: stayLoggedIn ? "cycle-logged-in" : "cycle", headline: "all", clients: load.clients,
            seconds: load.plannedSeconds, operations: load.operationLimit, seed: load.seed)
        return try await BenchRunner.run(
            plan, connection: connection, accounts: accounts, standardPort: 143, implicitTLSPort: 993
        ) { [mailbox, stayLoggedIn] context throws(BenchError) in
            await IMAPCycleWorkload(context: context, mailbox: mailbox, message: message, staysLoggedIn: stayLoggedIn).run()
            return .nothingMore
        }
    }

    private func idleReport() async throws -> BenchReport {
        let hold = load.duration ?? BenchLimits.defaultDurationSeconds
        var plan = RunPlan(
            command: "imap", workload: "idle", headline: "open", clients: load.clients,
            seconds: BenchLimits.defaultCountedRunSeconds, operations: load.clients, seed: load.seed)
        plan.extraSeconds = hold + settle
        let memoryProcess = pid.map { (pid: $0, includeDescendants: includeChildren) }
        return try await BenchRunner.run(
            plan, connection: connection, accounts: accounts, standardPort: 143, implicitTLSPort: 993
        ) { [mailbox, settle, connectParallelism] context throws(BenchError) in
            try await IMAPIdleWorkload(
                context: context, mailbox: mailbox, hold: .nanoseconds(Int64(hold * 1e9)),
                settle: .nanoseconds(Int64(settle * 1e9)), connectParallelism: connectParallelism,
                memoryProcess: memoryProcess
            ).run()
        }
    }

    func run() async throws {
        try BenchRunner.print(try await report(), json: load.json)
    }
}
