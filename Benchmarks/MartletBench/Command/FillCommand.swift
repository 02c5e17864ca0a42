import ArgumentParser

/// `martlet-bench fill`: fills existing accounts' mailboxes with generated mail.
struct FillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "Fill the accounts' mailboxes with realistic generated messages (deterministic from --seed).",
        discussion: """
            Messages vary in size (--min-size...--max-size), are plain text, multipart/alternative \
            or carry base64 attachments, form threads (In-Reply-To, References), and have \
            non-ASCII subjects (RFC 2047) and UTF-8 bodies. --via smtp sends them to each account; \
            --via imap APPENDs them logged in as each account.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var accounts: AccountOptions

    @Option(help: ArgumentHelp("Messages put in each mailbox (at most \(BenchLimits.maximumMessagesPerUser)).", valueName: "n"))
    var messagesPerUser: Int

    @Option(help: "smtp or imap.")
    var via: FillWorkload.Route = .smtp

    @Option(help: "Seed of the generated messages.")
    var seed: UInt64 = 1

    @Option(help: "Accounts filled at once.")
    var clients = 4

    @Option(help: "Smallest message, in bytes.")
    var minSize = 1024

    @Option(help: "Largest message, in bytes.")
    var maxSize = 256 * 1024

    @Option(help: "imap: the mailbox appended to.")
    var mailbox = "INBOX"

    @Option(help: "smtp: the name sent with EHLO.")
    var heloName = "martlet-bench.test"

    @Flag(help: "smtp: AUTH PLAIN as the client's first account before sending (submission).")
    var auth = false

    @Option(help: ArgumentHelp("Most seconds the fill may take (at most \(Int(BenchLimits.maximumDurationSeconds))).", valueName: "seconds"))
    var timeLimit = BenchLimits.defaultCountedRunSeconds

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        guard (1...BenchLimits.maximumMessagesPerUser).contains(messagesPerUser) else {
            throw ValidationError("--messages-per-user must be 1...\(BenchLimits.maximumMessagesPerUser)")
        }
        guard accounts.userCount.multipliedReportingOverflow(by: messagesPerUser).partialValue <= BenchLimits.maximumFillMessages,
              !accounts.userCount.multipliedReportingOverflow(by: messagesPerUser).overflow
        else {
            throw ValidationError("--user-count × --messages-per-user must be at most \(BenchLimits.maximumFillMessages)")
        }
        guard (1...BenchLimits.maximumClients).contains(clients) else {
            throw ValidationError("--clients must be 1...\(BenchLimits.maximumClients)")
        }
        guard minSize >= 256, maxSize >= minSize, maxSize <= BenchLimits.maximumMessageSize else {
            throw ValidationError("sizes must satisfy 256 <= --min-size <= --max-size <= \(BenchLimits.maximumMessageSize)")
        }
        guard timeLimit > 0, timeLimit <= BenchLimits.maximumDurationSeconds else {
            throw ValidationError("--time-limit must be more than 0 and at most \(Int(BenchLimits.maximumDurationSeconds)) seconds")
        }
        guard IMAPQuoting.canQuote(mailbox), !mailbox.isEmpty else { throw ValidationError("--mailbox must be a name without CR, LF or NUL") }
    }

    func report() async throws -> BenchReport {
        let plan = RunPlan(
            command: "fill", workload: "fill-\(via.rawValue)", headline: "deliver", clients: min(clients, accounts.userCount),
            seconds: timeLimit, operations: accounts.userCount * messagesPerUser, seed: seed)
        let (standard, implicit) = via == .smtp ? (25, 465) : (143, 993)
        return try await BenchRunner.run(
            plan, connection: connection, accounts: accounts, standardPort: standard, implicitTLSPort: implicit
        ) { [via, messagesPerUser, minSize, maxSize, heloName, mailbox, auth] context throws(BenchError) in
            await FillWorkload(
                context: context, route: via, messagesPerUser: messagesPerUser, minimumSize: minSize, maximumSize: maxSize,
                heloName: heloName, mailbox: mailbox, authenticate: auth
            ).run()
            return .nothingMore
        }
    }

    func run() async throws {
        try BenchRunner.print(try await report(), json: json)
    }
}

extension FillWorkload.Route: ExpressibleByArgument {}
