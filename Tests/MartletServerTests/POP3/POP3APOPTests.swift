import Foundation
import Testing
import TestSupport

/// APOP (RFC 1939 §7) as an operator enables it: `[auth] apop = true` and a secret set with
/// `martlet user apop`; Python's poplib logs in with it. Off by default: no timestamp in the
/// greeting, and APOP is refused.
@Suite("POP3 APOP, when the operator enables it")
struct POP3APOPTests {
    let martlet: MartletExecutable
    let folder: TemporaryDirectory

    init() throws {
        martlet = try MartletExecutable()
        folder = try TemporaryDirectory(prefix: "martlet-apop")
    }

    /// Starts `martlet serve` with POP3 on `port`, APOP on or off, and the user carol.
    private func serve(port: Int, apop: Bool) async throws -> (RunningProcess, String) {
        let file = folder.appending("martlet-\(port).toml")
        try """
            hostname = "mail.example.test"
            data = "data-\(port)"

            [listen]
            pop3 = ["127.0.0.1:\(port)"]

            [auth]
            plaintext_without_tls = "loopback"
            apop = \(apop)
            """.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try await martlet.run(["domain", "add", "example.test", "--config", file]).status == 0)
        #expect(try await martlet.run(["user", "add", "carol@example.test", "--password-stdin", "--config", file],
                                      input: "login-password\n").status == 0)
        let set = try await martlet.run(["user", "apop", "carol@example.test", "--config", file])
        #expect(set.status == 0, "\(set.standardError)")
        let secret = try #require(set.outputLines.last?.split(separator: " ").last.map(String.init))
        let server = try RunningProcess(martlet.url, ["serve", "--config", file])
        _ = try await server.waitForLine(containing: "Ready.")
        return (server, secret)
    }

    /// Runs a small poplib script; returns its output lines.
    private func poplib(_ code: String) async throws -> [String] {
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", code], timeout: 60)
        #expect(result.status == 0, "\(result.standardError)")
        return result.outputLines
    }

    @Test func apopLogsInWithTheSecretOnlyWhenEnabled() async throws {
        await ServerSlots.shared.acquire()
        defer { ServerSlots.shared.release() }
        defer { folder.remove() }
        let port = LoopbackPorts.freePort()
        let (server, secret) = try await serve(port: port, apop: true)
        defer { server.stop() }
        let lines = try await poplib("""
            import poplib
            client = poplib.POP3("127.0.0.1", \(port), timeout=20)
            print("greeting", client.getwelcome().decode())
            try:
                client.apop("carol@example.test", "wrong")
                print("wrong accepted")
            except poplib.error_proto as error:
                print("wrong refused", error)
            client.quit()
            client = poplib.POP3("127.0.0.1", \(port), timeout=20)
            print("apop", client.apop("carol@example.test", "\(secret)").decode())
            print("stat", client.stat())
            client.quit()
            """)
        let greeting = try #require(lines.first { $0.hasPrefix("greeting ") })
        #expect(greeting.contains("<") && greeting.contains("@mail.example.test>"), "\(greeting)")
        #expect(lines.contains { $0.hasPrefix("wrong refused") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("apop +OK") }, "\(lines)")
        #expect(lines.contains("stat (0, 0)"), "\(lines)")
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }

    @Test func apopIsOffByDefault() async throws {
        await ServerSlots.shared.acquire()
        defer { ServerSlots.shared.release() }
        defer { folder.remove() }
        let port = LoopbackPorts.freePort()
        let (server, secret) = try await serve(port: port, apop: false)
        defer { server.stop() }
        let lines = try await poplib("""
            import poplib
            client = poplib.POP3("127.0.0.1", \(port), timeout=20)
            print("greeting", client.getwelcome().decode())
            try:
                client.apop("carol@example.test", "\(secret)")
                print("accepted")
            except poplib.error_proto as error:
                print("refused", error)
            client.quit()
            """)
        #expect(lines.first.map { !$0.contains("<") } == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("refused") }, "\(lines)")
    }
}
