import ArgumentParser
import Foundation
import MailStore

/// `martlet queue list|show|flush|remove [ID]`
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Inspect and manage the outbound queue (mail waiting for other servers).",
        subcommands: [List.self, Show.self, Flush.self, Remove.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the queued messages: ID, age, size, sender, and recipients still waiting.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let entries = try await withStore(store) { try await $0.queueEntries() }
            let now = Date()
            for entry in entries {
                let waiting = entry.recipients.filter { !$0.state.isFinal }
                let sender = entry.envelope.sender.isEmpty ? "<>" : entry.envelope.sender
                print("\(entry.envelope.queueID)  \(QueueText.age(entry.created, now: now))  \(entry.size)  \(sender)  "
                      + waiting.map(\.recipient.address).joined(separator: " "))
            }
            print("\(entries.count) message\(entries.count == 1 ? "" : "s") in the queue")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one queued message and each recipient's state.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The queue ID (as `martlet queue list` prints it).") var id: String

        func run() async throws {
            guard let entry = try await withStore(store, { try await $0.queueEntry(id) }) else {
                throw QueueCommandError.noSuchEntry(id)
            }
            let envelope = entry.envelope
            let now = Date()
            print("queue-id: \(envelope.queueID)")
            print("sender: \(envelope.sender.isEmpty ? "<>" : envelope.sender)")
            print("size: \(entry.size)")
            print("queued: \(QueueText.timestamp(entry.created)) (\(QueueText.age(entry.created, now: now)) ago)")
            print("expires: \(QueueText.timestamp(envelope.expires))")
            if let envelopeID = envelope.envelopeID { print("envid: \(envelopeID)") }
            for recipient in entry.recipients {
                var line = "recipient: \(recipient.recipient.address) \(recipient.state) attempts=\(recipient.attempts)"
                if !recipient.state.isFinal { line += " next=\(QueueText.timestamp(recipient.nextAttempt))" }
                if let result = recipient.lastResult { line += " last=\"\(result)\"" }
                print(line)
            }
        }
    }

    struct Flush: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make every waiting recipient (or those of one message) due now; a running server tries them within a second.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The queue ID; all messages when omitted.") var id: String?

        func run() async throws {
            let count = try await withStore(store) { try await $0.flushQueue(id, now: Date()) }
            print("flushed \(count) recipient\(count == 1 ? "" : "s")")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a queued message without delivering it or bouncing it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The queue ID.") var id: String

        func run() async throws {
            try await withStore(store) { try await $0.removeFromQueue(id) }
            print("removed \(id) from the queue")
        }
    }
}

/// Why a queue command did nothing.
enum QueueCommandError: Error, CustomStringConvertible {
    case noSuchEntry(String)

    var description: String {
        switch self {
        case .noSuchEntry(let id): "no queued message has the ID \(id)"
        }
    }
}

/// How queue times are printed.
enum QueueText {
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func age(_ date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        if seconds >= 86_400 { return "\(seconds / 86_400)d\((seconds % 86_400) / 3600)h" }
        if seconds >= 3600 { return "\(seconds / 3600)h\((seconds % 3600) / 60)m" }
        if seconds >= 60 { return "\(seconds / 60)m\(seconds % 60)s" }
        return "\(seconds)s"
    }
}
