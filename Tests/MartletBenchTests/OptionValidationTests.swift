import ArgumentParser
import Testing
@testable import martlet_bench

@Suite("Command-line options")
struct OptionValidationTests {
    static let target = ["--host", "127.0.0.1", "--users", "user%d@peer.test", "--password", "pass"]

    @Test func validRunsParse() throws {
        let smtp = try #require(try MartletBenchCommand.parseAsRoot(["smtp"] + Self.target + ["--clients", "20", "--messages", "500"]) as? SMTPCommand)
        #expect(smtp.load.clients == 20)
        #expect(smtp.load.operationLimit == 500)
        #expect(smtp.load.plannedSeconds == BenchLimits.defaultCountedRunSeconds)
        #expect(smtp.connection.resolvedPort(standard: 25, implicitTLS: 465) == 25)
        let imap = try #require(try MartletBenchCommand.parseAsRoot(["imap"] + Self.target + ["--tls", "--workload", "idle", "--pid", "1"]) as? IMAPCommand)
        #expect(imap.workload == .idle)
        #expect(imap.connection.resolvedPort(standard: 143, implicitTLS: 993) == 993)
        #expect(imap.connection.security == "tls")
        let fill = try #require(try MartletBenchCommand.parseAsRoot(["fill"] + Self.target + ["--messages-per-user", "20", "--via", "imap"]) as? FillCommand)
        #expect(fill.via == .imap)
        let pop3 = try #require(try MartletBenchCommand.parseAsRoot(["pop3"] + Self.target + ["--duration", "5"]) as? POP3Command)
        #expect(pop3.load.plannedSeconds == 5)
        #expect(pop3.load.operationLimit == BenchLimits.maximumOperations)
    }

    @Test(arguments: [
        ["smtp", "--tls", "--starttls"],
        ["smtp", "--clients", "0"],
        ["smtp", "--clients", "10001"],
        ["smtp", "--duration", "3601"],
        ["smtp", "--duration", "0"],
        ["smtp", "--messages", "10000001"],
        ["smtp", "--size", "60000000"],
        ["smtp", "--port", "70000"],
        ["smtp", "--timeout", "301"],
        ["smtp", "--user-count", "0"],
        ["smtp", "--messages-per-session", "0"],
        ["smtp", "--from", "<a@b>"],
        ["imap", "--workload", "idle", "--messages", "10"],
        ["imap", "--workload", "mixed", "--pid", "10"],
        ["imap", "--workload", "cycle", "--pid", "10"],
        ["imap", "--workload", "mixed", "--stay-logged-in"],
        ["imap", "--workload", "idle", "--include-children"],
        ["imap", "--weights", "login=1"],
        ["imap", "--workload", "bogus"],
        ["fill", "--messages-per-user", "0"],
        ["fill", "--messages-per-user", "100000", "--user-count", "1000"],
        ["fill", "--messages-per-user", "5", "--min-size", "5000", "--max-size", "4000"],
        ["fill", "--messages-per-user", "5", "--via", "pop3"],
        ["pop3", "--messages-per-session", "-1"],
    ])
    func refusedBeforeAnyConnection(_ arguments: [String]) {
        var full = [arguments[0]] + Self.target + Array(arguments.dropFirst())
        #expect(throws: (any Error).self) { try MartletBenchCommand.parseAsRoot(full) }
        full = [arguments[0]] + Array(arguments.dropFirst())
        #expect(throws: (any Error).self) { try MartletBenchCommand.parseAsRoot(full) }
    }

    @Test func aPatternWithoutPlaceholderIsRefused() {
        #expect(throws: (any Error).self) {
            try MartletBenchCommand.parseAsRoot(["pop3", "--host", "h", "--users", "user@x", "--password", "p"])
        }
        #expect(throws: (any Error).self) {
            try MartletBenchCommand.parseAsRoot(["pop3", "--host", "h", "--users", "u%d", "--password", "a\nb"])
        }
    }
}
