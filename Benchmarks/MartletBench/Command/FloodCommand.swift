import ArgumentParser

/// `martlet-bench flood`: a bounded flood on loopback — connections held open from one
/// address, small messages sent as fast as possible from another — while a legitimate
/// client logs in over IMAP and sends over submission at a steady pace; its latency
/// during the flood is compared with a baseline measured first.
struct FloodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flood",
        abstract: "Legitimate IMAP and submission latency during a connection and message flood (loopback only).",
        discussion: """
            Two phases. Baseline (--baseline-seconds): only the legitimate client runs, from \
            --legit-source, every --legit-interval seconds: (a) IMAP connect, login, SELECT INBOX, \
            LOGOUT; (b) submission connect, EHLO, STARTTLS (or TLS), AUTH PLAIN, one message, QUIT. \
            Flood: the legitimate client goes on while --hold-connections connections from \
            --hold-source read the greeting and stay silent, and --flood-concurrency sessions from \
            --flood-source send --flood-messages small messages to the SMTP port (many per session, \
            reconnecting after a close with a short backoff). The flood phase ends when every flood \
            message was attempted (but not before --min-seconds) or after --max-seconds; then everything \
            is closed. \
            Refusals (4xx, 5xx, closes) are counted as what the server did, not as failures of the run. \
            Every address must be in 127.0.0.0/8, and the three sources must differ.
            """)

    @OptionGroup var target: FloodTargetOptions

    @Option(help: ArgumentHelp("Connections opened and held during the flood (0...\(BenchLimits.maximumClients)).", valueName: "n"))
    var holdConnections = 2_000

    @Option(help: "Source address of the held connections.")
    var holdSource = "127.0.0.10"

    @Option(help: "smtp or imap: the port the held connections go to.")
    var holdService: HeldConnections.Service = .smtp

    @Option(help: ArgumentHelp("Held connections being opened at once (1...\(BenchLimits.maximumConnectParallelism)).", valueName: "n"))
    var holdParallelism = 100

    @Option(help: ArgumentHelp("Messages the flood attempts (0...\(BenchLimits.maximumOperations)).", valueName: "n"))
    var floodMessages = 20_000

    @Option(help: "Source address of the flood.")
    var floodSource = "127.0.0.11"

    @Option(help: ArgumentHelp("Flood sessions sending at once (1...\(BenchLimits.maximumConnectParallelism)).", valueName: "n"))
    var floodConcurrency = 20

    @Option(help: ArgumentHelp("Size of each flood message, in bytes (64...1048576).", valueName: "bytes"))
    var floodSize = 512

    @Option(help: "Envelope recipient of the flood (default: --user).")
    var floodRecipient: String?

    @Option(help: "Envelope sender of the flood.")
    var floodSender = "flood@martlet-bench.test"

    @Option(help: "Source address of the legitimate client.")
    var legitSource = "127.0.0.12"

    @Option(help: ArgumentHelp("Seconds between the starts of the legitimate client's operations (0.1...60).", valueName: "seconds"))
    var legitInterval = 1.0

    @Option(help: ArgumentHelp("Seconds of the baseline phase, without flood (1...600).", valueName: "seconds"))
    var baselineSeconds = 15.0

    @Option(help: ArgumentHelp("Most seconds of the flood phase (1...\(Int(BenchLimits.maximumDurationSeconds))).", valueName: "seconds"))
    var maxSeconds = 120.0

    @Option(help: ArgumentHelp(
        "Fewest seconds of the flood phase: held connections stay open this long even if the flood's messages are done sooner (0...--max-seconds).",
        valueName: "seconds"))
    var minSeconds = 10.0

    @Option(help: "The server's process id: its VmRSS is sampled every second from /proc.")
    var serverPID: Int32?

    @Option(help: "The name sent with EHLO.")
    var heloName = "martlet-bench.test"

    @Flag(help: "Print one JSON object instead of the text report.")
    var json = false

    func validate() throws {
        let sources = [("--hold-source", holdSource), ("--flood-source", floodSource), ("--legit-source", legitSource)]
        for (name, address) in sources where LoopbackAddress(address) == nil {
            throw ValidationError("\(name) must be a loopback address (127.x.x.x): the flood never leaves this machine")
        }
        guard Set(sources.compactMap { LoopbackAddress($0.1)?.description }).count == 3 else {
            throw ValidationError("--hold-source, --flood-source and --legit-source must be three different addresses")
        }
        guard (0...BenchLimits.maximumClients).contains(holdConnections) else {
            throw ValidationError("--hold-connections must be 0...\(BenchLimits.maximumClients)")
        }
        guard (1...BenchLimits.maximumConnectParallelism).contains(holdParallelism) else {
            throw ValidationError("--hold-parallelism must be 1...\(BenchLimits.maximumConnectParallelism)")
        }
        guard (0...BenchLimits.maximumOperations).contains(floodMessages) else {
            throw ValidationError("--flood-messages must be 0...\(BenchLimits.maximumOperations)")
        }
        guard (1...BenchLimits.maximumConnectParallelism).contains(floodConcurrency) else {
            throw ValidationError("--flood-concurrency must be 1...\(BenchLimits.maximumConnectParallelism)")
        }
        guard (64...1_048_576).contains(floodSize) else { throw ValidationError("--flood-size must be 64...1048576 bytes") }
        for (name, address) in [("--flood-recipient", floodRecipient ?? target.user), ("--flood-sender", floodSender)]
        where address.isEmpty || address.contains(where: { $0 == "<" || $0 == ">" || $0 == " " || $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw ValidationError("\(name) must be a bare address")
        }
        guard legitInterval >= 0.1, legitInterval <= 60 else { throw ValidationError("--legit-interval must be 0.1...60 seconds") }
        guard baselineSeconds >= 1, baselineSeconds <= 600 else { throw ValidationError("--baseline-seconds must be 1...600") }
        guard maxSeconds >= 1, maxSeconds <= BenchLimits.maximumDurationSeconds else {
            throw ValidationError("--max-seconds must be 1...\(Int(BenchLimits.maximumDurationSeconds))")
        }
        guard minSeconds >= 0, minSeconds <= maxSeconds else { throw ValidationError("--min-seconds must be 0...--max-seconds") }
        if let serverPID, serverPID <= 0 { throw ValidationError("--server-pid must be a process id") }
        if heloName.isEmpty || heloName.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" }) {
            throw ValidationError("--helo-name must be one word")
        }
    }

    /// The validated options as the run's plan.
    func plan() throws(BenchError) -> FloodPlan {
        try FloodPlan(command: self)
    }

    /// Runs the workload and returns its report.
    func report() async throws -> FloodReport {
        try await FloodRun(plan: try plan()).run()
    }

    func run() async throws {
        let report = try await report()
        print(json ? try report.json() : FloodReportTable.render(report))
    }
}

extension HeldConnections.Service: ExpressibleByArgument {}
