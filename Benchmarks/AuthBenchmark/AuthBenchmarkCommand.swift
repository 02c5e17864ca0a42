import ArgumentParser
import DNSResolver
import Foundation
import MailAuth
import NIOPosix

/// `martlet-auth-bench`: how many messages per second DKIM signs and verifies (20 KB messages,
/// RSA-2048 and Ed25519 keys), and how many SPF evaluations per second run once the DNS
/// answers are cached. DNS comes from a table in memory, or with --dns from a real server
/// through Martlet's resolver (and its cache, warmed by a first pass).
@main
struct AuthBenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "martlet-auth-bench",
        abstract: "Measure DKIM signing and verification and SPF evaluation rates.")

    @Option(help: "Size of each message in octets.") var size = 20_000
    @Option(help: "Seconds each measurement runs.") var seconds = 3.0
    @Option(help: "Concurrent tasks (default: the number of cores).") var tasks = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: ArgumentHelp("A DNS server holding the records --print-records gives (default: a table in memory).",
                               valueName: "host:port")) var dns: String?
    @Flag(help: "Print the DNS records the benchmark uses (dnsmasq options) and exit.") var printRecords = false
    @Option(help: ArgumentHelp("Keys in PATH.rsa2048 and PATH.ed25519 (PEM); written there by --print-records, else new keys each run.",
                               valueName: "path")) var keyFile: String?

    /// The key in `file` if it exists, else a new one.
    private static func key(_ kind: DKIMSigningKey.Kind, file: String?) throws -> DKIMSigningKey {
        guard let file, FileManager.default.fileExists(atPath: file) else { return try DKIMSigningKey.generate(kind) }
        return try DKIMSigningKey(pemRepresentation: String(contentsOfFile: file, encoding: .utf8))
    }

    func run() async throws {
        let keys: [(name: String, key: DKIMSigningKey)] = try [DKIMSigningKey.Kind.rsa2048, .ed25519].map { kind in
            (kind.rawValue, try Self.key(kind, file: keyFile.map { $0 + "." + kind.rawValue }))
        }
        let records = BenchmarkRecords(keys: keys.map(\.key))
        if printRecords {
            if let keyFile {
                for (name, key) in keys { try key.pemRepresentation.write(toFile: keyFile + "." + name, atomically: true, encoding: .utf8) }
            }
            for option in records.dnsmasqOptions { print(option) }
            return
        }
        let resolver: any DNSResolving
        if let dns {
            var configuration = DNSResolverConfiguration(servers: [try DNSServerAddress(parsing: dns)])
            configuration.timeout = .seconds(2)
            resolver = StubResolver(configuration: configuration, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        } else {
            resolver = records.table
        }
        let message = BenchmarkMessage.make(size: size)
        print("message: \(message.count) octets; tasks: \(tasks); seconds per measurement: \(seconds); dns: \(dns ?? "in-memory table")")
        let now = Date()
        for (name, key) in keys {
            let signer = DKIMSigner(domain: BenchmarkRecords.domain, selector: name, key: key)
            let signing = try await Measurement.run(seconds: seconds, tasks: tasks) {
                _ = try signer.signatureField(for: message, at: now)
            }
            print(signing.line("dkim-sign \(name)"))
            let signed = Array(try signer.signatureField(for: message, at: now).utf8) + message
            let verifier = DKIMVerifier(resolver: resolver)
            // One pass first: the signature must pass (and the resolver's cache is warm).
            let first = await verifier.verify(message: signed)
            guard first.count == 1, first[0].result == .pass else {
                throw ValidationError("the benchmark signature did not verify: \(first)")
            }
            let verifying = try await Measurement.run(seconds: seconds, tasks: tasks) {
                let results = await verifier.verify(message: signed)
                precondition(results.first?.result == .pass)
            }
            print(verifying.line("dkim-verify \(name)"))
        }
        let spf = SPFVerifier(resolver: resolver, receivingHostname: "bench.test")
        let client = IPAddress("198.51.100.77")!
        let warm = await spf.checkMailFrom(client: client, helo: "mx.sender.test", mailFrom: "someone@\(BenchmarkRecords.domain)")
        guard warm.result == .pass else { throw ValidationError("the benchmark SPF check did not pass: \(warm)") }
        let evaluating = try await Measurement.run(seconds: seconds, tasks: tasks) {
            let evaluation = await spf.checkMailFrom(client: client, helo: "mx.sender.test", mailFrom: "someone@\(BenchmarkRecords.domain)")
            precondition(evaluation.result == .pass)
        }
        print(evaluating.line("spf-evaluate (\(warm.dnsLookupCount) DNS terms: \(BenchmarkRecords.spfRecord))"))
    }
}
