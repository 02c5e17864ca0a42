import ArgumentParser

/// `martlet-bench smtp`: pipelined sending; "send" latency runs from the end-of-data "."
/// to the server's 250.
struct SMTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smtp",
        abstract: "Send messages (pipelined when the server offers PIPELINING) to the accounts, round-robin.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var accounts: AccountOptions
    @OptionGroup var load: LoadOptions

    @Option(help: "Envelope sender (default: bench@ the accounts' domain).")
    var from: String?

    @Option(help: "The name sent with EHLO.")
    var heloName = "martlet-bench.test"

    @Option(help: "Messages sent in one session before QUIT and a new connection.")
    var messagesPerSession = 1

    @Flag(help: "AUTH PLAIN as the client's account before sending (submission).")
    var auth = false

    @Option(help: ArgumentHelp(
        "Recipients: a pattern whose %d is numbered from 1 (e.g. 'r%d@sink.test'); default: the --users accounts.",
        valueName: "pattern"))
    var to: String?

    @Option(help: "How many addresses the --to pattern stands for (default: --user-count without --to, else 100).")
    var toCount: Int?

    @Option(help: "Envelope recipients of each message (one transaction with that many RCPT TO), taken in turn from the recipients.")
    var recipientsPerMessage = 1

    func validate() throws {
        guard (1...BenchLimits.maximumOperations).contains(messagesPerSession) else {
            throw ValidationError("--messages-per-session must be 1...\(BenchLimits.maximumOperations)")
        }
        if let from, from.contains(where: { $0 == "<" || $0 == ">" || $0 == " " || $0 == "\r" || $0 == "\n" }) {
            throw ValidationError("--from must be a bare address")
        }
        guard (1...BenchLimits.maximumRecipientsPerMessage).contains(recipientsPerMessage) else {
            throw ValidationError("--recipients-per-message must be 1...\(BenchLimits.maximumRecipientsPerMessage)")
        }
        if toCount != nil, to == nil {
            throw ValidationError("--to-count needs --to")
        }
        if let to {
            do {
                _ = try UserPattern(to, count: toCount ?? 100)
            } catch {
                throw ValidationError(error.description.replacingOccurrences(of: "--users", with: "--to")
                    .replacingOccurrences(of: "--user-count", with: "--to-count"))
            }
        }
        if heloName.isEmpty || heloName.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" }) {
            throw ValidationError("--helo-name must be one word")
        }
    }

    /// Runs the workload and returns its report.
    func report() async throws -> BenchReport {
        let users = try accounts.pattern()
        let sender = from ?? "bench@\(users.domain ?? "martlet-bench.test")"
        let recipients = try to.map { try UserPattern($0, count: toCount ?? 100) } ?? users
        let message = FixedSizeMessage(size: load.size, sender: sender, runID: RunIdentifier.make())
        let plan = RunPlan(
            command: "smtp", workload: "send", headline: "send", clients: load.clients, seconds: load.plannedSeconds,
            operations: load.operationLimit, seed: load.seed)
        return try await BenchRunner.run(
            plan, connection: connection, accounts: accounts, standardPort: 25, implicitTLSPort: 465
        ) { [heloName, messagesPerSession, auth, recipientsPerMessage] context throws(BenchError) in
            await SMTPSendWorkload(
                context: context, heloName: heloName, sender: sender, message: message,
                messagesPerSession: messagesPerSession, authenticate: auth,
                recipients: recipients, recipientsPerMessage: recipientsPerMessage
            ).run()
            return .nothingMore
        }
    }

    func run() async throws {
        try BenchRunner.print(try await report(), json: load.json)
    }
}
