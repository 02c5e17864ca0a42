// The child process of the crash-safety test (MailStoreTests/CrashSafetyTests.swift).
//
//     store-crash-child --data DIR [--tasks N] [--inline-threshold BYTES]
//
// Opens the store in DIR (creating the domain crash.test and three accounts if needed),
// prints `ready`, then delivers messages from N tasks until it is killed. After each
// delivery has returned (so it is durable) it prints one line:
//
//     ack <sha256> <account>:<mailbox>:<uid> [<account>:<mailbox>:<uid> ...]
//
// naming the INBOX copies. Every third delivery also puts a copy into Trash, and Trash is
// emptied now and then, so that reference counts and blob removal are under way too when
// the kill comes; every 25th is searched for at once, so that search's own indexing is
// under way too (besides the background indexer's). Each line goes out in one write(2), so a reader sees whole lines only.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MailCore
import MailStore

struct ChildOptions {
    var data = ""
    var tasks = 4
    var inlineThreshold = 2_048

    init(arguments: [String]) throws(ChildError) {
        var index = 1
        func value() throws(ChildError) -> String {
            index += 1
            guard index < arguments.count else { throw ChildError("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--data": data = try value()
            case "--tasks": tasks = try Int(value()).flatMap { $0 > 0 && $0 <= 64 ? $0 : nil } ?? 4
            case "--inline-threshold": inlineThreshold = try Int(value()) ?? inlineThreshold
            default: throw ChildError("unknown option \(arguments[index])")
            }
            index += 1
        }
        guard !data.isEmpty else { throw ChildError("--data DIR is required") }
    }
}

struct ChildError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Writes one whole line to standard output with a single write(2).
func emit(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

/// A message of `size` octets with random words, unique by its Message-ID, and the number
/// in its subject.
func randomMessage(size: Int, using generator: inout some RandomNumberGenerator) -> (bytes: [UInt8], identifier: UInt64) {
    let identifier = UInt64.random(in: .min ... .max, using: &generator)
    var text = "From: crash@sender.example\r\nTo: inbox@crash.test\r\nSubject: crash \(identifier)\r\n"
        + "Message-ID: <\(identifier)@sender.example>\r\n\r\n"
    let letters = Array("abcdefghijklmnopqrstuvwxyz ")
    while text.utf8.count < size {
        text += String((0 ..< 70).map { _ in letters[Int.random(in: 0 ..< letters.count, using: &generator)] }) + "\r\n"
    }
    return (Array(text.utf8), identifier)
}

/// The child delivers until it is killed: when the test that started it is itself killed
/// (an interrupted run), it must not go on delivering for ever. A thread of its own checks
/// twice a second whether the parent is gone (the child was handed to another process).
/// PR_SET_PDEATHSIG would not do: it fires when the parent's spawning *thread* ends.
func exitWhenOrphaned() {
    let parent = getppid()
    Thread.detachNewThread {
        while getppid() == parent { usleep(500_000) }
        exit(1)
    }
}

func run() async throws {
    let options = try ChildOptions(arguments: CommandLine.arguments)
    exitWhenOrphaned()
    var limits = MailStoreLimits()
    limits.inlineBlobThreshold = options.inlineThreshold
    let store = try await SQLiteMailStore.open(directory: options.data, limits: limits)
    if !(try await store.isLocalDomain("crash.test")) { try await store.addDomain("crash.test") }
    var accounts: [AccountID] = []
    for index in 0 ..< 3 {
        let address = try EmailAddress(localPart: "user\(index)", domain: "crash.test")
        if let account = try await store.account(for: address) {
            accounts.append(account.id)
        } else {
            accounts.append(try await store.createAccount(address, credential: "crash-test-credential").id)
        }
    }
    let recipients = accounts
    let trashName = try MailboxName("Trash")
    emit("ready")
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0 ..< options.tasks {
            group.addTask {
                var generator = SystemRandomNumberGenerator()
                var count = 0
                while true {
                    count += 1
                    let size = Int.random(in: 300 ... 4 * options.inlineThreshold, using: &generator)
                    let (bytes, identifier) = randomMessage(size: size, using: &generator)
                    let chosen = recipients.filter { _ in Bool.random(using: &generator) }
                    var targets = (chosen.isEmpty ? [recipients[0]] : chosen).map { DeliveryTarget(account: $0) }
                    if count.isMultiple(of: 3) { targets.append(DeliveryTarget(account: recipients[0], mailbox: trashName)) }
                    let message: IncomingMessage
                    if Bool.random(using: &generator) {
                        let spool = try await store.makeSpoolFile()
                        try Data(bytes).write(to: URL(fileURLWithPath: spool.path))
                        message = .spooled(spool)
                    } else {
                        message = .bytes(bytes)
                    }
                    let receipt = try await store.deliver(message, to: targets)
                    let copies = receipt.saved.filter { $0.mailboxName.isInbox }
                        .map { "\($0.mailbox.account.rawValue):\($0.mailbox.rawValue):\($0.uid.rawValue)" }
                    emit("ack \(receipt.sha256) " + copies.joined(separator: " "))
                    if count.isMultiple(of: 25), let first = receipt.saved.first {
                        let query = TextSearchQuery([TextSearchTerm(.subject, String(identifier))])
                        guard try await store.search(query, in: first.mailbox).contains(first.uid) else {
                            throw ChildError("delivery \(first.mailbox) \(first.uid) is not found by its subject")
                        }
                    }
                    if count.isMultiple(of: 10) {
                        let trash = try await store.mailbox(named: trashName, of: recipients[0])
                        _ = try await store.expunge(.all, in: trash.id, onlyDeleted: false)
                    }
                }
            }
        }
        try await group.waitForAll()
    }
}

do {
    try await run()
} catch {
    FileHandle.standardError.write(Data("store-crash-child: \(error)\n".utf8))
    exit(1)
}
