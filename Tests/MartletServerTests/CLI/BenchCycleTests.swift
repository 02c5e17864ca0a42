import Foundation
import Testing
import TestSupport

/// `martlet-bench imap --workload cycle` (issue 5's client cycle) against `martlet dev`:
/// every step of the cycle is answered, with and without logging out between cycles.
@Suite("martlet-bench imap cycle against martlet dev")
struct BenchCycleTests {
    @Test(arguments: [false, true])
    func everyStepOfTheCycleSucceeds(stayingLoggedIn: Bool) async throws {
        let server = try await DevServer.start(prefix: "martlet-bench-cycle")
        defer { server.cleanUp() }
        let bench = try #require(BuiltProducts.executable(named: "martlet-bench"))
        for user in ["user1@localhost", "user2@localhost"] {
            let added = try await MartletExecutable().run(["user", "add", user, "--data", server.data, "--password-stdin"],
                                                          input: "bench-password\n")
            #expect(added.status == 0, "\(added.standardError)")
        }
        var arguments = ["imap", "--workload", "cycle", "--host", "127.0.0.1", "--port", "\(server.portBase + 143)",
                         "--starttls", "--users", "user%d@localhost", "--user-count", "2", "--password", "bench-password",
                         "--clients", "2", "--messages", "40", "--size", "2048", "--json"]
        if stayingLoggedIn { arguments.append("--stay-logged-in") }
        let result = try await ChildProcess.run(bench, arguments, timeout: 120)
        #expect(result.status == 0, "\(result.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let errors = try #require(report["errors"] as? [String: Any])
        #expect(errors["total"] as? Int == 0, "\(errors)")
        let operations = try #require(report["by_operation"] as? [String: Any])
        for step in ["select", "fetch-headers", "fetch-body", "store", "append", "expunge"] {
            #expect((operations[step] as? [String: Any])?["count"] as? Int ?? 0 >= 2, "\(step): \(operations)")
        }
        let logins = (operations["login"] as? [String: Any])?["count"] as? Int ?? 0
        #expect(stayingLoggedIn ? logins == 2 : logins >= 3, "\(operations)")
        try await server.stop()
    }
}
