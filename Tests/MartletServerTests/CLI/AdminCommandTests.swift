import Foundation
import MailCore
import MailStore
import SASL
import Testing
import TestSupport

/// The admin commands of DESIGN.md run as a real process against a data folder.
@Suite("martlet domain|user|alias")
struct AdminCommandTests {
    let martlet: MartletExecutable
    let folder: TemporaryDirectory
    var data: [String] { ["--data", folder.path] }

    init() throws {
        martlet = try MartletExecutable()
        folder = try TemporaryDirectory(prefix: "martlet-cli")
    }

    /// Runs a command that must succeed and returns its standard output lines.
    @discardableResult
    func succeed(_ arguments: [String], input: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let result = try await martlet.run(arguments, input: input)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")) failed: \(result.standardError)", sourceLocation: sourceLocation)
        return result.outputLines
    }

    /// Runs a command that must fail with one line on stderr containing `reason`.
    func fail(_ arguments: [String], input: String? = nil, saying reason: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await martlet.run(arguments, input: input)
        #expect(result.status != 0, "\(arguments.joined(separator: " ")) should fail", sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "expected one line on stderr, got: \(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardError.contains(reason), "stderr '\(result.standardError)' lacks '\(reason)'", sourceLocation: sourceLocation)
    }

    @Test func domainsAddListRemove() async throws {
        defer { folder.remove() }
        #expect(try await succeed(["domain", "add", "Example.ORG."] + data) == ["added domain example.org"])
        try await succeed(["domain", "add", "b.example"] + data)
        #expect(try await succeed(["domain", "list"] + data) == ["b.example", "example.org"])
        try await fail(["domain", "add", "example.org"] + data, saying: "already exists")
        try await fail(["domain", "add", "bad domain"] + data, saying: "not a valid domain")
        try await succeed(["user", "add", "a@b.example", "--password-stdin"] + data, input: "pw\n")
        try await fail(["domain", "remove", "b.example"] + data, saying: "still has accounts")
        try await succeed(["user", "remove", "a@b.example"] + data)
        #expect(try await succeed(["domain", "remove", "b.example"] + data) == ["removed domain b.example"])
        #expect(try await succeed(["domain", "list"] + data) == ["example.org"])
    }

    @Test func userAddRefusesUnknownDomainMalformedAddressAndDuplicate() async throws {
        defer { folder.remove() }
        try await succeed(["domain", "add", "example.org"] + data)
        try await fail(["user", "add", "alice@unknown.example", "--password-stdin"] + data, input: "pw\n", saying: "unknown.example")
        try await fail(["user", "add", "not-an-address", "--password-stdin"] + data, input: "pw\n", saying: "not a valid address")
        try await fail(["user", "add", "a..b@example.org", "--password-stdin"] + data, input: "pw\n", saying: "not a valid address")
        #expect(try await succeed(["user", "add", "alice@example.org", "--password-stdin"] + data, input: "s3cret\n") == ["created account alice@example.org"])
        try await fail(["user", "add", "ALICE@example.org", "--password-stdin"] + data, input: "x\n", saying: "already used")
        try await fail(["user", "add", "bob@example.org", "--password-stdin"] + data, input: "", saying: "no password")
        #expect(try await succeed(["user", "list"] + data) == ["alice@example.org"])
    }

    @Test func generatedPasswordIsPrintedOnceAndWorks() async throws {
        defer { folder.remove() }
        try await succeed(["domain", "add", "example.org"] + data)
        // Standard input is a pipe, not a terminal: the password is generated and printed.
        let lines = try await succeed(["user", "add", "carol@example.org"] + data)
        #expect(lines.first == "created account carol@example.org")
        let password = try #require(lines.last?.split(separator: " ").last.map(String.init))
        #expect(lines.last?.hasPrefix("password: ") == true)
        #expect(password.count >= 16)
        try await expectCredential(of: "carol@example.org", accepts: password, rejects: password + "x")
    }

    @Test func passwdChangesTheCredential() async throws {
        defer { folder.remove() }
        try await succeed(["domain", "add", "example.org"] + data)
        try await succeed(["user", "add", "dave@example.org", "--password-stdin"] + data, input: "old password\n")
        try await expectCredential(of: "dave@example.org", accepts: "old password", rejects: "new password")
        #expect(try await succeed(["user", "passwd", "dave@example.org", "--password-stdin"] + data, input: "new password\n")
            == ["changed the password of dave@example.org"])
        try await expectCredential(of: "dave@example.org", accepts: "new password", rejects: "old password")
        try await fail(["user", "passwd", "nobody@example.org", "--password-stdin"] + data, input: "x\n", saying: "nobody@example.org")
    }

    @Test func aliasesAndCatchAll() async throws {
        defer { folder.remove() }
        try await succeed(["domain", "add", "example.org"] + data)
        try await succeed(["user", "add", "alice@example.org", "--password-stdin"] + data, input: "a\n")
        try await succeed(["user", "add", "bob@example.org", "--password-stdin"] + data, input: "b\n")
        #expect(try await succeed(["alias", "add", "team@example.org", "alice@example.org", "bob@example.org"] + data)
            == ["alias team@example.org -> alice@example.org, bob@example.org"])
        try await succeed(["alias", "add", "@example.org", "alice@example.org"] + data)
        try await fail(["alias", "add", "x@elsewhere.example", "alice@example.org"] + data, saying: "elsewhere.example")
        try await fail(["alias", "add", "alice@example.org", "bob@example.org"] + data, saying: "alice@example.org")
        let listed = try await succeed(["alias", "list"] + data)
        #expect(listed.contains("team@example.org -> alice@example.org, bob@example.org"))
        #expect(listed.contains("@example.org -> alice@example.org"))

        let store = try await SQLiteMailStore.open(directory: folder.path)
        let team = try await store.resolveRecipient(EmailAddress(parsing: "team@example.org"))
        let stranger = try await store.resolveRecipient(EmailAddress(parsing: "stranger@example.org"))
        await store.close()
        guard case .local(let teamRecipients) = team, case .local(let strangerRecipients) = stranger else {
            Issue.record("expected local resolutions, got \(team) and \(stranger)")
            return
        }
        #expect(Set(teamRecipients.accounts.map(\.address.lookupKey)) == ["alice@example.org", "bob@example.org"])
        #expect(strangerRecipients.accounts.map(\.address.lookupKey) == ["alice@example.org"])

        try await succeed(["alias", "remove", "team@example.org", "bob@example.org"] + data)
        #expect(try await succeed(["alias", "list", "example.org"] + data).contains("team@example.org -> alice@example.org"))
        try await succeed(["alias", "remove", "team@example.org"] + data)
        try await fail(["alias", "remove", "team@example.org"] + data, saying: "team@example.org")
    }

    @Test func queueListShowFlushRemove() async throws {
        defer { folder.remove() }
        #expect(try await succeed(["queue", "list"] + data) == ["0 messages in the queue"])
        let store = try await SQLiteMailStore.open(directory: folder.path)
        let later = Date().addingTimeInterval(3600)
        for (queueID, recipient) in [("QUEUEONE", "bob@example.net"), ("QUEUETWO", "carol@example.com")] {
            try await store.accept(
                .bytes(Array("Subject: queued\r\n\r\nbody\r\n".utf8)), localTargets: [],
                outbound: OutboundEnvelope(queueID: queueID, sender: "alice@example.org",
                                           recipients: [OutboundRecipient(address: recipient)], expires: later))
        }
        // A deferral the runner recorded: due in an hour, with its reason.
        let claims = try await store.claimDueRecipients(now: Date(), owner: "test", leaseEnds: later, limit: 10)
        #expect(claims.count == 2)
        try await store.recordAttempts(claims.map {
            DeliveryAttemptResult(queueID: $0.entry.envelope.queueID, position: 0,
                                  outcome: .deferred(reason: "mx.example.net: 451 4.7.1 try later", retryAt: later))
        })
        await store.close()

        let listed = try await succeed(["queue", "list"] + data)
        #expect(listed.count == 3)
        #expect(listed.contains { $0.hasPrefix("QUEUEONE ") && $0.hasSuffix(" alice@example.org  bob@example.net") })
        #expect(listed.last == "2 messages in the queue")
        let shown = try await succeed(["queue", "show", "QUEUEONE"] + data)
        #expect(shown.contains("queue-id: QUEUEONE"))
        #expect(shown.contains("sender: alice@example.org"))
        #expect(shown.contains { $0.hasPrefix("recipient: bob@example.net deferred attempts=1 next=")
                && $0.hasSuffix("last=\"mx.example.net: 451 4.7.1 try later\"") })
        try await fail(["queue", "show", "NOSUCHID"] + data, saying: "NOSUCHID")
        #expect(try await succeed(["queue", "flush", "QUEUEONE"] + data) == ["flushed 1 recipient"])
        #expect(try await succeed(["queue", "remove", "QUEUETWO"] + data) == ["removed QUEUETWO from the queue"])
        try await fail(["queue", "remove", "QUEUETWO"] + data, saying: "QUEUETWO")

        let reopened = try await SQLiteMailStore.open(directory: folder.path)
        let entries = try await reopened.queueEntries()
        let due = try await reopened.claimDueRecipients(now: Date(), owner: "after-flush", leaseEnds: later, limit: 10)
        await reopened.close()
        #expect(entries.map(\.envelope.queueID) == ["QUEUEONE"])
        #expect(due.map(\.entry.envelope.queueID) == ["QUEUEONE"])
    }

    @Test(arguments: [
        [], ["dev"], ["serve"], ["domain"], ["domain", "add"], ["domain", "list"], ["domain", "remove"],
        ["user"], ["user", "add"], ["user", "list"], ["user", "remove"], ["user", "passwd"],
        ["alias"], ["alias", "add"], ["alias", "list"], ["alias", "remove"],
        ["queue"], ["queue", "list"], ["queue", "show"], ["queue", "flush"], ["queue", "remove"],
    ])
    func everyCommandHasHelp(command: [String]) async throws {
        defer { folder.remove() }
        let result = try await martlet.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: martlet"))
    }

    @Test func conflictingStoreOptionsAreRefused() async throws {
        defer { folder.remove() }
        let result = try await martlet.run(["domain", "list", "--data", folder.path, "--config", folder.appending("x.toml")])
        #expect(result.status != 0)
        #expect(result.standardError.contains("either --config or --data"))
    }

    /// Opens the store directly and checks the account's credential with SASL.
    func expectCredential(of address: String, accepts good: String, rejects bad: String,
                          sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let store = try await SQLiteMailStore.open(directory: folder.path)
        let account = try await store.account(for: EmailAddress(parsing: address))
        await store.close()
        let stored = try #require(account, sourceLocation: sourceLocation)
        #expect(!stored.credential.contains(good), "the password must not be stored", sourceLocation: sourceLocation)
        let credential = try SCRAMCredential(encoded: stored.credential)
        #expect(credential.verify(password: good), sourceLocation: sourceLocation)
        #expect(!credential.verify(password: bad), sourceLocation: sourceLocation)
    }
}
