#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MailCore
import Testing
import TestSupport
@testable import MailStore

/// Kills a delivering child process (`store-crash-child`) with SIGKILL at random moments and
/// checks after each run that every delivery it acknowledged is intact and the store's
/// invariants hold.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    /// One acknowledged delivery: its SHA-256 and where its INBOX copies are.
    struct Acknowledged {
        let sha256: String
        let copies: [(mailbox: MailboxID, uid: UID)]
    }

    @Test func acknowledgedDeliveriesSurviveSIGKILL() async throws {
        let child = try Self.childExecutable()
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/store"
        var acknowledged: [Acknowledged] = []
        var generator = SystemRandomNumberGenerator()
        let rounds = 24
        var killedAfterReady = 0

        for round in 0 ..< rounds {
            let output = directory + "/child-\(round).out"
            // Most kills land while deliveries run; every fourth may land while the store opens.
            let whileOpening = round % 4 == 3
            let delay = Duration.milliseconds(Int.random(in: whileOpening ? 0 ... 400 : 0 ... 300, using: &generator))
            let (process, ready) = try await Self.runChild(child, data: data, output: output,
                                                           waitForReady: !whileOpening, killAfter: delay)
            #expect(process.ended == .signalled(SIGKILL), "the child ended by itself: \(String(describing: process.ended))")
            if ready { killedAfterReady += 1 }
            acknowledged.append(contentsOf: try Self.acknowledgements(in: output))

            // Reopen after every few kills (the last one included) and check everything so far.
            if round % 6 == 5 || round == rounds - 1 {
                let store = try await SQLiteMailStore.open(directory: data)
                for delivery in acknowledged {
                    for copy in delivery.copies {
                        let content = try await store.content(of: copy.uid, in: copy.mailbox)
                        #expect(BlobDigest.of(content.bytes).hex == delivery.sha256, "message \(copy.mailbox) \(copy.uid) changed")
                    }
                }
                let violations = try await store.checkInvariants(verifyContent: true)
                #expect(violations.isEmpty, "\(violations)")
                // Search finds the latest acknowledged deliveries, whose text may have been
                // left queued for the indexer by the kill.
                for delivery in acknowledged.suffix(5) {
                    guard let copy = delivery.copies.first else { continue }
                    let identifier = try Self.subjectIdentifier(of: await store.content(of: copy.uid, in: copy.mailbox).bytes)
                    let found = try await store.search(TextSearchQuery([TextSearchTerm(.subject, identifier)]), in: copy.mailbox)
                    #expect(found.contains(copy.uid), "message \(copy.mailbox) \(copy.uid) is not found by its subject")
                }
                await store.close()
            }
        }
        #expect(killedAfterReady >= rounds / 2, "most kills should land while deliveries run, not \(killedAfterReady)")
        #expect(acknowledged.count > rounds, "the child acknowledged only \(acknowledged.count) deliveries")
    }

    /// The number in a child's `Subject: crash <number>`.
    static func subjectIdentifier(of message: [UInt8]) throws -> String {
        let text = String(decoding: message, as: UTF8.self)
        let line = try #require(text.split(separator: "\r\n").first { $0.hasPrefix("Subject: crash ") })
        return String(line.dropFirst("Subject: crash ".count))
    }

    /// Starts the child with its output in a file, kills it with SIGKILL `killAfter` after it
    /// printed `ready` (or after its start) and waits for it. Returns the process and
    /// whether it had printed `ready`.
    static func runChild(_ executable: URL, data: String, output: String, waitForReady: Bool,
                         killAfter: Duration) async throws -> (SpawnedProcess, Bool) {
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        defer { try? handle.close() }
        let process = try SpawnedProcess(executable, ["--data", data, "--tasks", "4", "--inline-threshold", "2048"],
                                         standardOutput: handle.fileDescriptor, standardError: STDERR_FILENO)
        func isReady() -> Bool { (try? String(contentsOfFile: output, encoding: .utf8))?.hasPrefix("ready\n") ?? false }
        if waitForReady {
            for _ in 0 ..< 1_000 where !isReady() && process.isRunning {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        try await Task.sleep(for: killAfter)
        let ready = isReady()
        process.signal(SIGKILL)
        while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
        return (process, ready)
    }

    /// The whole `ack` lines of a child's output (a line cut by the kill is ignored).
    static func acknowledgements(in output: String) throws -> [Acknowledged] {
        let text = try String(contentsOfFile: output, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // empty after a final newline, or an unfinished line
        return try lines.filter { $0.hasPrefix("ack ") }.map { line in
            let fields = line.split(separator: " ")
            let copies = try fields.dropFirst(2).map { field in
                let parts = field.split(separator: ":").compactMap { Int64($0) }
                let valid = try #require(parts.count == 3 ? parts : nil, "malformed copy \(field)")
                return (MailboxID(account: AccountID(rawValue: valid[0]), rawValue: valid[1]), UID(UInt32(valid[2])))
            }
            return Acknowledged(sha256: String(fields[1]), copies: copies)
        }
    }

    /// The built `store-crash-child`: next to the running test binary (SwiftPM puts every
    /// product of a build in one directory), else in the `.build` of the package holding
    /// this source file.
    static func childExecutable() throws -> URL {
        let name = "store-crash-child"
        var candidates: [URL] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name))
        }
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent(name))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(name))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            candidates.append(directory.appendingPathComponent(".build/debug/\(name)"))
            directory.deleteLastPathComponent()
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw CrashTestSetupError(description: "cannot find \(name); looked at \(candidates.map(\.path))")
    }
}

struct CrashTestSetupError: Error, CustomStringConvertible {
    let description: String
}
