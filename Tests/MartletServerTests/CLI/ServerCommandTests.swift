import Foundation
import MailCore
import MailStore
import SASL
import Testing
import TestSupport

/// `martlet dev` and `martlet serve` as processes: start-up, the demo account, the
/// certificate, configuration errors, and graceful shutdown on SIGTERM/SIGINT.
@Suite("martlet dev|serve")
struct ServerCommandTests {
    let martlet: MartletExecutable
    let folder: TemporaryDirectory

    init() throws {
        martlet = try MartletExecutable()
        folder = try TemporaryDirectory(prefix: "martlet-server")
    }

    @Test func devCreatesDemoAccountOnceAndStopsGracefully() async throws {
        await ServerSlots.shared.acquire()
        defer { ServerSlots.shared.release() }
        defer { folder.remove() }
        let data = folder.appending("data")
        let portBase = "\(LoopbackPorts.freeBase())"
        let first = try RunningProcess(martlet.url, ["dev", "--data", data, "--port-base", portBase])
        defer { first.stop() }
        let lines = try await first.waitForLine(containing: "Ready.")
        #expect(lines.contains { $0.contains("demo user:") && $0.contains("demo@localhost") })
        let passwordLine = try #require(lines.first { $0.contains("password:") })
        let password = try #require(passwordLine.split(separator: " ").dropFirst().first.map(String.init))
        #expect(lines.contains { $0.contains("self-signed certificate generated") })
        let certificate = data + "/tls/selfsigned-cert.pem"
        #expect(FileManager.default.fileExists(atPath: certificate))
        let keyAttributes = try FileManager.default.attributesOfItem(atPath: data + "/tls/selfsigned-key.pem")
        #expect((keyAttributes[.posixPermissions] as? Int) == 0o600)

        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)
        #expect(first.terminationReason == .exit)
        #expect(first.standardError.contains("stopped"))

        // The demo password works.
        let store = try await SQLiteMailStore.open(directory: data)
        let account = try await store.account(for: EmailAddress(parsing: "demo@localhost"))
        await store.close()
        let credential = try SCRAMCredential(encoded: try #require(account).credential)
        #expect(credential.verify(password: password))

        // A second start keeps the account (no new password) and the certificate.
        let certificateBefore = try Data(contentsOf: URL(fileURLWithPath: certificate))
        let second = try RunningProcess(martlet.url, ["dev", "--data", data, "--port-base", portBase])
        defer { second.stop() }
        let again = try await second.waitForLine(containing: "Ready.")
        #expect(!again.contains { $0.contains("password:") })
        #expect(again.contains { $0.contains("self-signed certificate reused") })
        #expect(try Data(contentsOf: URL(fileURLWithPath: certificate)) == certificateBefore)
        second.signal(SIGINT)
        #expect(try await second.waitForExit() == 0)
    }

    @Test func serveRunsFromAConfigurationFile() async throws {
        await ServerSlots.shared.acquire()
        defer { ServerSlots.shared.release() }
        defer { folder.remove() }
        let file = folder.appending("martlet.toml")
        try """
            hostname = "mail.example.test"
            data = "data"

            [limits]
            max_message_size = 1048576
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let server = try RunningProcess(martlet.url, ["serve", "--config", file])
        defer { server.stop() }
        let lines = try await server.waitForLine(containing: "Ready.")
        #expect(lines.first == "Martlet is running as mail.example.test")
        #expect(!lines.contains { $0.contains("password:") })
        #expect(FileManager.default.fileExists(atPath: folder.appending("data/tls/selfsigned-cert.pem")))
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)

        // Admin commands find the same store through --config.
        let added = try await martlet.run(["domain", "add", "example.test", "--config", file])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(try await martlet.run(["domain", "list", "--config", file]).outputLines == ["example.test"])
    }

    @Test func serveRefusesAnUnknownKeyNamingItAndItsLine() async throws {
        defer { folder.remove() }
        let file = folder.appending("bad.toml")
        try """
            hostname = "mail.example.test"
            data = "data"

            [listen]
            smtp = ["127.0.0.1:2525"]
            smpt = ["127.0.0.1:2526"]
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await martlet.run(["serve", "--config", file], timeout: 30)
        #expect(result.status != 0)
        #expect(result.errorLines.count == 1, "\(result.standardError)")
        #expect(result.standardError.contains("smpt"))
        #expect(result.standardError.contains("6"))
        #expect(!FileManager.default.fileExists(atPath: folder.appending("data")))
    }

    @Test func serveRefusesAMissingFile() async throws {
        defer { folder.remove() }
        let result = try await martlet.run(["serve", "--config", folder.appending("absent.toml")], timeout: 30)
        #expect(result.status != 0)
        #expect(result.errorLines.count == 1)
        #expect(result.standardError.contains("absent.toml"))
    }

    @Test func devRefusesAPortBaseThatOverflows() async throws {
        defer { folder.remove() }
        let result = try await martlet.run(["dev", "--data", folder.appending("d"), "--port-base", "65000"], timeout: 30)
        #expect(result.status != 0)
        #expect(result.errorLines.count == 1)
        #expect(result.standardError.contains("--port-base"))
    }
}
