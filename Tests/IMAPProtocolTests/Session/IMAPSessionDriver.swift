import Foundation
import MailCore
import MailStore
import SASL
import TestSupport
import Testing
@testable import IMAPProtocol

/// A real store in a temporary directory, with the domain `example.test`.
struct SessionStoreFixture {
    let directory: TemporaryDirectory
    let store: SQLiteMailStore

    /// Makes a user `local@example.test` with `password` (cheap KDF for tests).
    @discardableResult
    func addUser(_ local: String, password: String = "secret") async throws -> Account {
        let credential = try SCRAMCredential(password: password, iterations: 64)
        return try await store.createAccount(EmailAddress(localPart: local, domain: "example.test"),
                                             credential: credential.encoded)
    }

    func mailbox(_ name: String, of account: Account) async throws -> MailboxInfo {
        try await store.mailbox(named: MailboxName(name), of: account.id)
    }

    /// Appends a small message and returns its UID.
    @discardableResult
    func deliver(to account: Account, mailbox: String = "INBOX", subject: String = "Hello",
                 flags: MessageFlags = .none) async throws -> UID {
        let info = try await self.mailbox(mailbox, of: account)
        return try await store.append(.bytes(sessionTestMessage(subject: subject)), to: info.id, flags: flags).uid
    }
}

/// Runs `body` with a fresh store, then closes it and removes its directory.
func withSessionStore(_ body: (SessionStoreFixture) async throws -> Void) async throws {
    let directory = try TemporaryDirectory(prefix: "martlet-imap-session")
    let store = try await SQLiteMailStore.open(directory: directory.path)
    try await store.addDomain("example.test")
    let fixture = SessionStoreFixture(directory: directory, store: store)
    do {
        try await body(fixture)
    } catch {
        await store.close()
        directory.remove()
        throw error
    }
    await store.close()
    directory.remove()
}

/// Runs `body` with a fresh store, the user `bob` and a session logged in as bob.
func withLoggedInSession(configuration: IMAPServerConfiguration = .testing(),
                         _ body: (SessionStoreFixture, Account, inout IMAPSessionDriver) async throws -> Void) async throws {
    try await withSessionStore { fixture in
        let account = try await fixture.addUser("bob")
        var driver = IMAPSessionDriver(fixture, configuration: configuration)
        await driver.logIn("bob")
        try await body(fixture, account, &driver)
    }
}

/// Runs `body` with bob's INBOX holding `messages` messages, selected.
func withSelectedInbox(messages: Int = 0, configuration: IMAPServerConfiguration = .testing(),
                       _ body: (SessionStoreFixture, Account, inout IMAPSessionDriver) async throws -> Void) async throws {
    try await withSessionStore { fixture in
        let account = try await fixture.addUser("bob")
        for _ in 0..<messages { try await fixture.deliver(to: account) }
        var driver = IMAPSessionDriver(fixture, configuration: configuration)
        await driver.logIn("bob")
        _ = await driver.command("a SELECT INBOX")
        try await body(fixture, account, &driver)
    }
}

/// A small RFC 5322 message.
func sessionTestMessage(subject: String = "Hello", body: String = "Just a test.") -> [UInt8] {
    Array("From: alice@example.net\r\nTo: bob@example.test\r\nSubject: \(subject)\r\n\r\n\(body)\r\n".utf8)
}

extension IMAPServerConfiguration {
    /// A configuration with deterministic SASL nonces.
    static func testing(_ configure: (inout IMAPServerConfiguration) -> Void = { _ in }) -> IMAPServerConfiguration {
        let context = SASLServerContext(limits: .standard, unknownUserSaltKey: Array(repeating: 7, count: 32)) {
            var generator = SeededGenerator(seed: 42)
            return SCRAMNonce.random(using: &generator)
        }
        var configuration = IMAPServerConfiguration(hostname: "imap.example.test", mechanisms: .standard(context: context))
        configure(&configuration)
        return configuration
    }
}

/// Drives an ``IMAPServerSession`` the way the NIO glue does: feeds it bytes, performs its
/// actions, answers credential lookups from the store and runs store requests with a real
/// ``IMAPCommandExecutor``; change-feed events are passed on by ``syncChanges()``.
struct IMAPSessionDriver {
    var session: IMAPServerSession
    let store: SQLiteMailStore
    var executor: IMAPCommandExecutor?
    /// The account whose credential was last looked up.
    var lookedUpAccount: Account?
    var account: Account?
    var feed: ChangeFeed.AsyncIterator?
    /// Output not yet taken by a test.
    var output: [UInt8] = []
    var closed = false
    var tlsRequested = false
    var credentialLookups: [String] = []
    var requests: [IMAPStoreRequest] = []
    /// When false, `.execute` actions are left unanswered (for tests that answer by hand).
    var answersRequests = true
    var unansweredRequests: [IMAPStoreRequest] = []
    /// FETCH, SEARCH, SORT and THREAD; nil leaves them unavailable (the executor's default).
    var messageCommands: (any IMAPMessageCommandHandler)?

    init(_ fixture: SessionStoreFixture, configuration: IMAPServerConfiguration = .testing(), tls: Bool = true) {
        session = IMAPServerSession(configuration: configuration, isTLSActive: tls)
        store = fixture.store
    }

    /// The greeting.
    mutating func start() async -> String {
        await perform(session.start())
        return takeOutput()
    }

    /// Sends raw text and returns the output it produced.
    mutating func send(_ text: String) async -> String {
        await sendBytes(Array(text.utf8))
    }

    mutating func sendBytes(_ bytes: [UInt8]) async -> String {
        await perform(session.receive(bytes))
        return takeOutput()
    }

    /// Sends one command line (CRLF added) and returns the output it produced.
    mutating func command(_ line: String) async -> String {
        await send(line + "\r\n")
    }

    /// Greets and logs in with LOGIN; the result must be OK.
    mutating func logIn(_ local: String, password: String = "secret") async {
        _ = await start()
        let reply = await command("L1 LOGIN \(local)@example.test \(password)")
        #expect(reply.contains("L1 OK"), "login failed: \(reply)")
    }

    mutating func takeOutput() -> String {
        defer { output = [] }
        return String(decoding: output, as: UTF8.self)
    }

    mutating func perform(_ actions: [IMAPServerAction]) async {
        var queue = actions
        while !queue.isEmpty {
            let action = queue.removeFirst()
            switch action {
            case .send(let bytes):
                output += bytes
            case .close:
                closed = true
            case .startTLS:
                tlsRequested = true
            case .startCompression(let pending):
                queue += session.receive(pending)
            case .lookupCredential(let username):
                credentialLookups.append(username)
                queue += session.credentialLookedUp(await credential(of: username))
            case .authenticated:
                guard let account = lookedUpAccount else { break }
                self.account = account
                executor = IMAPCommandExecutor(store: store, account: account.id, messageCommands: messageCommands)
                feed = store.changes(of: account.id).makeAsyncIterator()
            case .execute(let request):
                requests.append(request)
                guard answersRequests, let executor else {
                    unansweredRequests.append(request)
                    break
                }
                queue += session.executed(await executor.execute(request))
            }
        }
    }

    private mutating func credential(of username: String) async -> SCRAMCredential? {
        guard let address = try? EmailAddress(parsing: username),
              let found = try? await store.account(for: address) else { return nil }
        lookedUpAccount = found
        return try? SCRAMCredential(encoded: found.credential)
    }

    /// Passes every change committed so far to the session (up to a marker change made
    /// now: INBOX is unsubscribed and subscribed again) and returns the output it produced.
    mutating func syncChanges() async throws -> String {
        guard let account else { return "" }
        let inbox = try await store.mailbox(named: .inbox, of: account.id)
        try await store.setSubscribed(false, mailbox: .inbox, of: account.id)
        try await store.setSubscribed(true, mailbox: .inbox, of: account.id)
        guard var iterator = feed else { return "" }
        while let change = await iterator.next() {
            await perform(session.storeChanged(change))
            if case .mailboxSubscriptionChanged(inbox.id, subscribed: true) = change { break }
        }
        feed = iterator
        return takeOutput()
    }
}

extension String {
    /// The CRLF-separated lines.
    var responseLines: [String] {
        components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }
}
