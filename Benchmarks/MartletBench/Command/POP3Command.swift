import ArgumentParser

/// `martlet-bench pop3`: retrieve-and-delete.
struct POP3Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pop3",
        abstract: "Retrieve and delete messages (RETR, DELE, QUIT); --messages counts messages retrieved.",
        discussion: "Each client uses its own account; a client whose maildrop is empty stops. Fill the mailboxes first.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var accounts: AccountOptions
    @OptionGroup var load: LoadOptions

    @Option(help: "Messages retrieved in one session before QUIT (0: the whole maildrop).")
    var messagesPerSession = 0

    func validate() throws {
        guard (0...BenchLimits.maximumOperations).contains(messagesPerSession) else {
            throw ValidationError("--messages-per-session must be 0...\(BenchLimits.maximumOperations)")
        }
    }

    func report() async throws -> BenchReport {
        let plan = RunPlan(
            command: "pop3", workload: "retrieve-delete", headline: "retr", clients: load.clients,
            seconds: load.plannedSeconds, operations: load.operationLimit, seed: load.seed)
        return try await BenchRunner.run(
            plan, connection: connection, accounts: accounts, standardPort: 110, implicitTLSPort: 995
        ) { [messagesPerSession] context throws(BenchError) in
            await POP3RetrieveWorkload(context: context, messagesPerSession: messagesPerSession).run()
            return .nothingMore
        }
    }

    func run() async throws {
        try BenchRunner.print(try await report(), json: load.json)
    }
}
