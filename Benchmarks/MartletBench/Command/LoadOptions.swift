import ArgumentParser

/// `--clients`, `--duration`, `--messages`, `--size`, `--seed`, `--json`: how much load,
/// for how long. A run stops at the duration or the count, whichever comes first; with
/// neither it lasts `BenchLimits.defaultDurationSeconds`, with only a count at most
/// `BenchLimits.defaultCountedRunSeconds`.
struct LoadOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Concurrent clients, each with its own session (at most \(BenchLimits.maximumClients)).", valueName: "n"))
    var clients = 10

    @Option(help: ArgumentHelp("Seconds to run (at most \(Int(BenchLimits.maximumDurationSeconds))).", valueName: "seconds"))
    var duration: Double?

    @Option(help: ArgumentHelp("Operations to perform: messages sent or retrieved, IMAP commands (at most \(BenchLimits.maximumOperations)).", valueName: "count"))
    var messages: Int?

    @Option(help: ArgumentHelp("Size in bytes of each message sent or appended (at most \(BenchLimits.maximumMessageSize)).", valueName: "bytes"))
    var size = 4096

    @Option(help: "Seed of the clients' random choices (the same seed repeats the same choices).")
    var seed: UInt64 = 1

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        guard (1...BenchLimits.maximumClients).contains(clients) else {
            throw ValidationError("--clients must be 1...\(BenchLimits.maximumClients)")
        }
        if let duration, !(duration > 0 && duration <= BenchLimits.maximumDurationSeconds) {
            throw ValidationError("--duration must be more than 0 and at most \(Int(BenchLimits.maximumDurationSeconds)) seconds")
        }
        if let messages, !(1...BenchLimits.maximumOperations).contains(messages) {
            throw ValidationError("--messages must be 1...\(BenchLimits.maximumOperations)")
        }
        guard (64...BenchLimits.maximumMessageSize).contains(size) else {
            throw ValidationError("--size must be 64...\(BenchLimits.maximumMessageSize) bytes")
        }
    }

    /// Seconds until the run's deadline.
    var plannedSeconds: Double {
        duration ?? (messages == nil ? BenchLimits.defaultDurationSeconds : BenchLimits.defaultCountedRunSeconds)
    }

    /// Most operations the run performs.
    var operationLimit: Int { messages ?? BenchLimits.maximumOperations }
}
