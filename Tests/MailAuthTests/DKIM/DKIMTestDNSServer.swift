import DNSResolver
import Foundation
import Glibc
import TestSupport

/// Debian's dnsmasq serving TXT records on 127.0.0.1 and a free port, for the interop tests
/// (the DNSResolver tests explain the isolation flags). It runs under `timeout --signal=KILL`
/// so that it cannot outlive a crashed test run for long; ``run(records:_:)`` stops it.
struct DKIMTestDNSServer {
    static let executable = "/usr/sbin/dnsmasq"
    static let lifetimeLimitSeconds = 600

    let port: Int
    private let process: RunningProcess

    /// Starts dnsmasq with `records` (name to the character-strings of its TXT record), waits
    /// until it answers, runs `body`, and stops dnsmasq whatever happens.
    static func run<Result>(records: [String: [String]], _ body: (DKIMTestDNSServer) async throws -> Result) async throws -> Result {
        let server = try await start(records: records)
        do {
            let result = try await body(server)
            server.stop()
            return result
        } catch {
            server.stop()
            throw error
        }
    }

    /// A resolver asking only this server.
    var resolver: StubResolver {
        StubResolver(configuration: DNSResolverConfiguration(
            servers: [DNSServerAddress(address: IPAddress("127.0.0.1")!, port: UInt16(port))],
            timeout: .seconds(2), attempts: 2, maximumCacheEntries: 0))
    }

    private static func start(records: [String: [String]]) async throws -> DKIMTestDNSServer {
        var lastError = ""
        for _ in 0..<5 {
            let port = LoopbackPorts.freePort()
            let arguments = [
                "--port=\(port)", "--listen-address=127.0.0.1", "--bind-interfaces",
                "--no-resolv", "--no-hosts", "--no-daemon", "--conf-file=/dev/null", "--pid-file=",
                "--log-facility=-",
            ] + records.map { name, strings in "--txt-record=\(name)," + strings.joined(separator: ",") }
            let process = try RunningProcess(URL(fileURLWithPath: "/usr/bin/timeout"),
                                             ["--signal=KILL", "\(lifetimeLimitSeconds)", executable] + arguments)
            let server = DKIMTestDNSServer(port: port, process: process)
            if let probe = records.keys.first, try await server.waitUntilAnswering(probe) { return server }
            lastError = process.standardError
            server.stop()
        }
        throw DKIMInteropError("dnsmasq did not start: \(lastError)")
    }

    /// Stops dnsmasq (the child of `timeout`) with SIGKILL, then `timeout` itself: a child
    /// of the test runner may have SIGTERM blocked.
    func stop() {
        let parent = process.processIdentifier
        let children = (try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)) ?? ""
        for child in children.split(separator: " ").compactMap({ Int32($0) }) { kill(child, SIGKILL) }
        process.stop()
    }

    private func waitUntilAnswering(_ name: String) async throws -> Bool {
        let probe = StubResolver(configuration: DNSResolverConfiguration(
            servers: [DNSServerAddress(address: IPAddress("127.0.0.1")!, port: UInt16(port))],
            timeout: .milliseconds(100), attempts: 1, maximumCacheEntries: 0))
        let probeName = try DNSName(name)
        for _ in 0..<100 {
            guard process.isRunning else { return false }
            if (try? await probe.resolve(probeName, type: .txt)) != nil { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
