import Foundation
import MailCore
@testable import MailStore

/// A fresh directory under the system's temporary directory.
func makeTemporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("martlet-store-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Reads a simple test message's Subject, From and To headers and body into index text,
/// so search tests do not depend on the MIME parser's progress.
let headerAnalyzer = MessageAnalyzer(
    structure: { MessageParser().parse($0, extractingSearchText: false).structure },
    searchText: { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        var searchText = SearchableText()
        let parts = text.components(separatedBy: "\r\n\r\n")
        for line in (parts.first ?? "").components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            switch line[..<colon].lowercased() {
            case "subject": searchText.subject = value
            case "from": searchText.from = value
            case "to": searchText.to = value
            case "cc": searchText.cc = value
            default: break
            }
        }
        searchText.body = parts.dropFirst().joined(separator: "\r\n\r\n")
        return searchText
    })

/// A store in a temporary directory, with the domain `example.test`.
struct StoreFixture {
    let directory: String
    let store: SQLiteMailStore

    static func make(limits: MailStoreLimits = MailStoreLimits(), analyzer: MessageAnalyzer = headerAnalyzer) async throws -> StoreFixture {
        let directory = try makeTemporaryDirectory()
        let store = try await SQLiteMailStore.open(directory: directory, limits: limits, analyzer: analyzer)
        try await store.addDomain("example.test")
        return StoreFixture(directory: directory, store: store)
    }

    /// Creates an account `local@example.test`.
    func account(_ local: String, credential: String = "test-credential") async throws -> Account {
        try await store.createAccount(EmailAddress(localPart: local, domain: "example.test"), credential: credential)
    }

    func inbox(of account: Account) async throws -> MailboxID {
        try await store.mailbox(named: .inbox, of: account.id).id
    }

    func mailbox(_ name: String, of account: Account) async throws -> MailboxID {
        try await store.mailbox(named: MailboxName(name), of: account.id).id
    }

    /// Closes the store and removes its directory.
    func tearDown() async {
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A small RFC 5322 message.
func testMessage(subject: String = "Hello", body: String = "Just a test.", from: String = "alice@example.net",
                 to: String = "bob@example.test", padding: Int = 0) -> [UInt8] {
    var text = "From: \(from)\r\nTo: \(to)\r\nSubject: \(subject)\r\nMessage-ID: <\(UUID().uuidString)@example.net>\r\n\r\n\(body)\r\n"
    if padding > 0 {
        let line = String(repeating: "x", count: 76) + "\r\n"
        text += String(repeating: line, count: padding / line.utf8.count + 1)
    }
    return Array(text.utf8)
}

func address(_ text: String) throws -> EmailAddress { try EmailAddress(parsing: text) }

/// Runs `body` with a fresh store, then closes it and removes its directory.
func withStore(limits: MailStoreLimits = MailStoreLimits(), analyzer: MessageAnalyzer = headerAnalyzer,
               _ body: (StoreFixture) async throws -> Void) async throws {
    let fixture = try await StoreFixture.make(limits: limits, analyzer: analyzer)
    do {
        try await body(fixture)
    } catch {
        await fixture.tearDown()
        throw error
    }
    await fixture.tearDown()
}
