import ArgumentParser
import Testing
@testable import martlet_bench

@Suite("flood: options")
struct FloodOptionTests {
    static let account = ["--user", "demo@localhost", "--password", "secret"]

    @Test func defaultsMatchTheIssue() throws {
        let flood = try #require(try MartletBenchCommand.parseAsRoot(["flood"] + Self.account) as? FloodCommand)
        #expect(flood.holdConnections == 2_000)
        #expect(flood.floodMessages == 20_000)
        #expect(flood.holdSource == "127.0.0.10")
        #expect(flood.floodSource == "127.0.0.11")
        #expect(flood.legitSource == "127.0.0.12")
        #expect(flood.target.resolvedSMTPPort == 25)
        #expect(flood.target.resolvedSubmissionPort == 587)
        #expect(flood.target.resolvedIMAPPort == 143)
        let plan = try flood.plan()
        #expect(plan.submissionStartTLS && plan.imapStartTLS)
        #expect(plan.hold.sourceAddress?.ipAddress == "127.0.0.10")
        #expect(plan.flood.sourceAddress?.ipAddress == "127.0.0.11")
        #expect(plan.imap.sourceAddress?.ipAddress == "127.0.0.12")
        #expect(plan.submission.sourceAddress?.ipAddress == "127.0.0.12")
        #expect(plan.floodRecipient == "demo@localhost")
    }

    @Test func portBaseAndSecurityChooseThePorts() throws {
        let flood = try #require(try MartletBenchCommand.parseAsRoot(
            ["flood", "--port-base", "7000", "--imap-security", "tls", "--submission-security", "tls", "--host", "localhost"]
                + Self.account) as? FloodCommand)
        #expect(flood.target.resolvedSMTPPort == 7025)
        #expect(flood.target.resolvedSubmissionPort == 7465)
        #expect(flood.target.resolvedIMAPPort == 7993)
        let plan = try flood.plan()
        #expect(plan.host == "127.0.0.1")
        #expect(plan.imap.implicitTLS && plan.submission.implicitTLS)
        #expect(!plan.imapStartTLS && !plan.submissionStartTLS)
        let plain = try #require(try MartletBenchCommand.parseAsRoot(
            ["flood", "--imap-security", "plain", "--smtp-port", "2525"] + Self.account) as? FloodCommand)
        #expect(try plain.plan().imap.tls == nil)
        #expect(plain.target.resolvedSMTPPort == 2525)
    }

    @Test(arguments: [
        ["--host", "10.0.0.1"],
        ["--host", "mail.example.org"],
        ["--host", "::1"],
        ["--host", "128.0.0.1"],
        ["--host", "127.0.0.256"],
        ["--hold-source", "192.168.1.10"],
        ["--flood-source", "0.0.0.0"],
        ["--legit-source", "example.org"],
        ["--hold-source", "127.0.0.11"],
        ["--legit-source", "127.0.0.10"],
        ["--hold-connections", "-1"],
        ["--hold-connections", "10001"],
        ["--hold-parallelism", "0"],
        ["--flood-messages", "10000001"],
        ["--flood-concurrency", "0"],
        ["--flood-concurrency", "1001"],
        ["--flood-size", "10"],
        ["--flood-recipient", "<a@b>"],
        ["--legit-interval", "0.01"],
        ["--baseline-seconds", "0"],
        ["--max-seconds", "3601"],
        ["--min-seconds", "200", "--max-seconds", "100"],
        ["--server-pid", "0"],
        ["--timeout", "0"],
        ["--port-base", "65000"],
        ["--imap-port", "70000"],
        ["--imap-security", "ssl"],
    ])
    func refusedBeforeAnyConnection(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try MartletBenchCommand.parseAsRoot(["flood"] + Self.account + arguments) }
    }

    @Test func anAccountIsRequired() {
        #expect(throws: (any Error).self) { try MartletBenchCommand.parseAsRoot(["flood"]) }
        #expect(throws: (any Error).self) { try MartletBenchCommand.parseAsRoot(["flood", "--user", "a b", "--password", "x"]) }
    }

    @Test func loopbackAddressesAreRecognized() {
        #expect(LoopbackAddress("127.0.0.1")?.description == "127.0.0.1")
        #expect(LoopbackAddress("127.255.3.4")?.description == "127.255.3.4")
        #expect(LoopbackAddress("LocalHost")?.description == "127.0.0.1")
        for refused in ["127.0.0", "127.0.0.1.5", "127.0.0.-1", "127.0.0.1a", "126.0.0.1", "", "127..0.1", "127.0.0.1234", "::1"] {
            #expect(LoopbackAddress(refused) == nil, "\(refused)")
        }
    }
}
