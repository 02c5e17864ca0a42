import DNSResolver
import Foundation
import TestSupport

/// Debian's dnsmasq, run by a test as an authoritative server for `example.test` (and the
/// reverse zones of 192.0.2.0/24 and 2001:db8::/32) on 127.0.0.1 and a free port.
///
/// It is isolated from the system: `--conf-file=/dev/null` (no /etc/dnsmasq.conf or .d),
/// `--no-resolv` (no /etc/resolv.conf, no upstream servers), `--no-hosts` (no /etc/hosts),
/// `--pid-file=` (no pid file), `--log-facility=-` (logs to its stderr, not syslog),
/// `--no-daemon` (stays a child of the test), and it listens on 127.0.0.1 only. It runs under
/// `timeout --signal=KILL` so that even a crashed test run cannot leave it behind for long;
/// `run` stops it whether the body succeeds or fails.
///
/// It is stopped with SIGKILL: a child started by the test runner inherits a signal mask
/// with SIGTERM blocked, so dnsmasq would ignore a polite request.
struct DNSMasq {
    static let executable = "/usr/sbin/dnsmasq"
    /// The TTL of every record, and the SOA MINIMUM (hence the negative TTL).
    static let timeToLive: UInt32 = 300
    /// The longest a dnsmasq may live, as a safety net behind `stop`.
    static let lifetimeLimitSeconds = 600

    let port: Int
    let arguments: [String]
    private let process: RunningProcess

    var address: DNSServerAddress { DNSServerAddress(address: loopbackAddress, port: UInt16(port)) }

    /// The options every test uses: the isolation flags and the authoritative zone.
    static func baseArguments(port: Int) -> [String] {
        [
            "--port=\(port)", "--listen-address=127.0.0.1", "--bind-interfaces",
            "--no-resolv", "--no-hosts", "--no-daemon", "--conf-file=/dev/null", "--pid-file=",
            "--log-facility=-", "--log-queries",
            "--auth-server=ns.example.test,127.0.0.1",
            "--auth-zone=example.test,192.0.2.0/24,2001:db8::/32",
            "--auth-soa=1,hostmaster.example.test,1200,120,604800",
            "--auth-ttl=\(timeToLive)",
        ]
    }

    /// Starts dnsmasq with `records` (options such as `--mx-host=…`), waits until it answers,
    /// runs `body`, and stops dnsmasq whatever happens.
    @discardableResult
    static func run<Result>(records: [String], _ body: (DNSMasq) async throws -> Result) async throws -> Result {
        try await using(try await start(records: records), cleanup: { await $0.stop() }, body)
    }

    /// Stops dnsmasq (the child of `timeout`) with SIGKILL, then `timeout` itself.
    func stop() async {
        let parent = process.processIdentifier
        let children = (try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)) ?? ""
        for child in children.split(separator: " ").compactMap({ Int32($0) }) { kill(child, SIGKILL) }
        if (try? await process.waitForExit(timeout: 5)) == nil { process.stop() }
    }

    private static func start(records: [String]) async throws -> DNSMasq {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestSetupError("\(executable) is missing: install Debian's dnsmasq (apt-get install -y dnsmasq)")
        }
        var lastError = ""
        for _ in 0..<5 {
            let port = LoopbackPorts.freePort()
            let arguments = baseArguments(port: port) + records
            let process = try RunningProcess(URL(fileURLWithPath: "/usr/bin/timeout"),
                                             ["--signal=KILL", "\(lifetimeLimitSeconds)", executable] + arguments)
            let server = DNSMasq(port: port, arguments: arguments, process: process)
            if try await server.waitUntilAnswering() { return server }
            lastError = process.standardError
            await server.stop()
        }
        throw TestSetupError("dnsmasq did not start: \(lastError)")
    }

    /// Asks for the zone's SOA until dnsmasq answers; false if it exits or stays silent.
    private func waitUntilAnswering() async throws -> Bool {
        let probe = StubResolver(configuration: DNSResolverConfiguration(
            servers: [address], timeout: .milliseconds(100), attempts: 1, maximumCacheEntries: 0))
        let zone = try DNSName("example.test")
        for _ in 0..<100 {
            guard process.isRunning else { return false }
            if (try? await probe.resolve(zone, type: .soa)) != nil { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
