import ArgumentParser
import Foundation
import MailCore
import MailStore
import Synchronization

@main
struct StoreBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "martlet-store-bench",
        abstract: "Measures the mail store and the message parser directly, without a network.",
        subcommands: [DeliverBenchmark.self, ParseBenchmark.self])
}

/// Durable deliveries per second into a store, with group commit.
struct DeliverBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Delivers messages from concurrent tasks; every delivery is durable (fsync) before it counts.")

    @Option(help: "The store's data directory (created if missing; use a fresh one for comparable runs).")
    var data: String

    @Option(help: "Message size in octets.")
    var size = 4096

    @Option(help: "Concurrent delivering tasks.")
    var tasks = 16

    @Option(help: "Number of deliveries.")
    var count = 10_000

    @Option(help: "Recipients (accounts) per delivery.")
    var recipients = 1

    @Option(help: "Messages up to this size are stored inside the database (default: the store's default).")
    var inlineThreshold: Int?

    @Option(help: "Seed for the message generator.")
    var seed: UInt64 = 1

    @Option(help: "What gets indexed: 'parser' (MailCore's MessageParser), 'plain' (subject, from, to and the whole body as text, without MIME decoding), 'none' (an empty index row).")
    var index: IndexedText = .parser

    @Option(help: "After the deliveries: 'wait' for the background indexer to drain its queue, then search; 'search' at once (the search indexes what it needs); 'skip' both.")
    var afterRun: AfterRun = .wait

    @Option(help: "Contents the search indexer takes per transaction (default: the store's default).")
    var indexBatch: Int?

    @Option(help: "Milliseconds the indexer's batch may wait for a quiet writer before it goes anyway (default: the store's default).")
    var indexMaximumDelay: Int?

    @Option(help: "Milliseconds after a commit before the background WAL checkpoint (default: the store's default).")
    var checkpointDelay: Int?

    func validate() throws {
        guard size >= 200, size <= 50 * 1024 * 1024 else { throw ValidationError("--size must be between 200 and 52428800") }
        guard tasks >= 1, tasks <= 1_024 else { throw ValidationError("--tasks must be between 1 and 1024") }
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard recipients >= 1, recipients <= 100 else { throw ValidationError("--recipients must be between 1 and 100") }
    }

    func run() async throws {
        var limits = MailStoreLimits()
        if let inlineThreshold { limits.inlineBlobThreshold = inlineThreshold }
        if let indexBatch { limits.searchIndexBatchSize = indexBatch }
        if let indexMaximumDelay { limits.searchIndexMaximumDelay = .milliseconds(indexMaximumDelay) }
        if let checkpointDelay { limits.checkpointDelay = .milliseconds(checkpointDelay) }
        let store = try await SQLiteMailStore.open(directory: data, limits: limits, analyzer: index.analyzer)
        let domain = "bench.test"
        if !(try await store.isLocalDomain(domain)) { try await store.addDomain(domain) }
        var targets: [DeliveryTarget] = []
        for index in 0 ..< recipients {
            let address = try EmailAddress(localPart: "user\(index)", domain: domain)
            if let account = try await store.account(for: address) {
                targets.append(DeliveryTarget(account: account.id))
            } else {
                targets.append(DeliveryTarget(account: try await store.createAccount(address, credential: "bench-credential").id))
            }
        }

        var generator = BenchmarkMessages(seed: seed &+ UInt64(Date().timeIntervalSince1970))
        let messages = (0 ..< count).map { generator.make(index: $0, size: size) }
        let octets = messages.reduce(0) { $0 + $1.count }
        let next = WorkCounter()
        let deliveryTargets = targets

        let probe = FsyncProbe.measure(in: data)
        let transactionsBefore = store.transactionsCommitted
        let indexerTransactionsBefore = store.indexerTransactionsCommitted
        let cpuBefore = ProcessorTime.used()
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for _ in 0 ..< tasks {
                group.addTask {
                    var own: [Duration] = []
                    while true {
                        let index = next.take()
                        guard index < messages.count else { return own }
                        let began = ContinuousClock.now
                        _ = try await store.deliver(.bytes(messages[index]), to: deliveryTargets)
                        own.append(ContinuousClock.now - began)
                    }
                }
            }
            var all: [Duration] = []
            for try await part in group { all.append(contentsOf: part) }
            return all
        }
        let elapsed = ContinuousClock.now - start
        let cpuSeconds = ProcessorTime.used() - cpuBefore
        let indexerTransactions = store.indexerTransactionsCommitted - indexerTransactionsBefore
        let transactions = store.transactionsCommitted - transactionsBefore - indexerTransactions
        let indexedDuringRun = store.blobsIndexed
        let backlog = try await store.searchIndexBacklog()
        let afterwards = try await indexAndSearch(store, inbox: targets[0], backlog: backlog, probe: messages[0])
        await store.close()

        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let sorted = latencies.sorted()
        func percentile(_ fraction: Double) -> String {
            guard !sorted.isEmpty else { return "-" }
            let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
            let milliseconds = Double(value.components.seconds) * 1000 + Double(value.components.attoseconds) / 1e15
            return String(format: "%.2f ms", milliseconds)
        }
        print("deliveries: \(count) x \(size) octets, \(tasks) tasks, \(recipients) recipient(s), inline threshold \(limits.inlineBlobThreshold), index \(index.rawValue)")
        print(String(format: "elapsed: %.3f s", seconds))
        if let probe { print(String(format: "disk: fdatasync of a 16 KB overwrite before the run: median %.2f ms, p90 %.2f ms", probe.median, probe.p90)) }
        print(String(format: "deliveries/s: %.0f", Double(count) / seconds))
        print(String(format: "MB/s: %.2f", Double(octets) / seconds / 1_000_000))
        print("latency p50: \(percentile(0.5)), p99: \(percentile(0.99))")
        print(String(format: "CPU: %.0f µs per delivery (user+system, all threads)", cpuSeconds / Double(count) * 1e6))
        print(String(format: "commits: %d (%.1f deliveries per commit)", transactions, Double(count) / Double(max(1, transactions))))
        print("indexed during the run: \(indexedDuringRun) in \(indexerTransactions) indexer transactions; queued at the end: \(backlog)")
        for line in afterwards { print(line) }
    }

    /// Drains the indexer's queue (by waiting or by searching) and searches the first
    /// message's first subject word; returns the lines to print.
    private func indexAndSearch(_ store: SQLiteMailStore, inbox target: DeliveryTarget, backlog: Int,
                                probe message: [UInt8]) async throws -> [String] {
        guard afterRun != .skip else { return [] }
        var lines: [String] = []
        let clock = ContinuousClock()
        if afterRun == .wait {
            let start = clock.now
            let cpuBefore = ProcessorTime.used()
            while try await store.searchIndexBacklog() > 0 {
                try await Task.sleep(for: .milliseconds(20))
            }
            let seconds = Self.seconds(clock.now - start)
            let cpu = ProcessorTime.used() - cpuBefore
            lines.append(String(format: "index drained in %.2f s: %.0f messages/s, CPU %.0f µs per message", seconds,
                                Double(backlog) / max(seconds, 1e-9), cpu / Double(max(1, backlog)) * 1e6))
        }
        let probe = String(decoding: message, as: UTF8.self)
        let word = probe.split(separator: "\r\n").first { $0.hasPrefix("Subject: ") }?.dropFirst(9).split(separator: " ").first ?? "a"
        let mailbox = try await store.mailbox(named: .inbox, of: target.account).id
        let start = clock.now
        let found = try await store.search(TextSearchQuery([TextSearchTerm(.subject, String(word))]), in: mailbox)
        lines.append(String(format: "search (subject '%@') %@: %d matches in %.1f ms", String(word),
                            afterRun == .wait ? "after the drain" : "at once", found.count, Self.seconds(clock.now - start) * 1000))
        return lines
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// What the deliver benchmark does once the deliveries are done.
enum AfterRun: String, ExpressibleByArgument, CaseIterable {
    case wait, search, skip
}

/// What the benchmark's store puts into its full-text index.
enum IndexedText: String, ExpressibleByArgument, CaseIterable {
    case parser, plain, none

    var analyzer: MessageAnalyzer {
        switch self {
        case .parser:
            .parser()
        case .none:
            MessageAnalyzer(structure: Self.structure, searchText: { _ in SearchableText() })
        case .plain:
            MessageAnalyzer(structure: Self.structure, searchText: Self.plainText)
        }
    }

    private static func structure(_ bytes: [UInt8]) -> MessageStructure {
        MessageParser().parse(bytes, extractingSearchText: false).structure
    }

    /// The generated messages are plain ASCII text: headers up to the first empty line,
    /// then the body.
    private static func plainText(_ bytes: [UInt8]) -> SearchableText {
        var text = SearchableText()
        let whole = String(decoding: bytes, as: UTF8.self)
        guard let separator = whole.range(of: "\r\n\r\n") else { return text }
        text.body = String(whole[separator.upperBound...])
        for field in whole[..<separator.lowerBound].split(separator: "\r\n") {
            if field.hasPrefix("Subject: ") { text.subject = String(field.dropFirst(9)) }
            if field.hasPrefix("From: ") { text.from = String(field.dropFirst(6)) }
            if field.hasPrefix("To: ") { text.to = String(field.dropFirst(4)) }
        }
        return text
    }
}

/// Parse throughput of MailCore's MessageParser on generated messages of mixed sizes.
struct ParseBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Parses generated messages and prints MB/s.")

    @Option(help: "Number of messages parsed.")
    var count = 2_000

    @Option(help: "A file holding one message to parse instead of generated ones (repeatable).")
    var message: [String] = []

    func run() async throws {
        var samples: [[UInt8]] = []
        for path in message {
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
            samples.append(Array(data))
        }
        if samples.isEmpty {
            var generator = BenchmarkMessages(seed: 7)
            samples = [1_000, 4_096, 20_000, 100_000].enumerated().map { generator.make(index: $0.offset, size: $0.element) }
        }
        let parser = MessageParser()
        var octets = 0
        var defects = 0
        let start = ContinuousClock.now
        for index in 0 ..< count {
            let sample = samples[index % samples.count]
            defects += parser.parse(sample).defects.count
            octets += sample.count
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("parsed: \(count) messages, \(octets) octets, \(defects) defects")
        print(String(format: "MB/s: %.2f", Double(octets) / seconds / 1_000_000))
        print(String(format: "messages/s: %.0f", Double(count) / seconds))
    }
}

/// Hands out work indexes to concurrent tasks.
final class WorkCounter: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

/// CPU time this process has used (user + system, all threads), in seconds.
enum ProcessorTime {
    static func used() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
