import Foundation
import MailStore
import NIOPosix


/// Writes the content of one large incoming message to a spool file of the store, in the
/// order it arrives and off the event loop (on NIO's blocking-I/O thread pool), so a message
/// of tens of megabytes is never held whole in memory. The connection hands it chunks with
/// ``write(_:)`` and holds its reads while ``isBehind``; the writer calls `drained` once
/// it has caught up again.
final class MessageSpoolWriter: Sendable {
    /// A message whose content in memory grows past this many octets goes to a spool file.
    static let memoryThreshold = 1 << 20
    /// Octets handed over but not yet written beyond which the connection stops reading.
    static let backlogLimit = 4 << 20

    private let chunks: AsyncStream<[UInt8]>.Continuation
    private let writing: Task<Result<SpoolFile, MailStoreError>, Never>
    private let backlog = SharedCounter()

    /// Starts a spool file holding `initial` (the prefix and the content so far).
    init(store: any MailStore, initial: [UInt8], drained: @escaping @Sendable () -> Void) {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        chunks = continuation
        let backlog = self.backlog
        backlog.add(initial.count)
        continuation.yield(initial)
        writing = Task {
            await Self.writeAll(stream, store: store, backlog: backlog, drained: drained)
        }
    }

    /// Whether the connection should stop reading until `drained` is called.
    var isBehind: Bool { backlog.value > Self.backlogLimit }

    /// Queues `bytes` for the file.
    func write(_ bytes: [UInt8]) {
        backlog.add(bytes.count)
        chunks.yield(bytes)
    }

    /// Waits for every chunk to be written and returns the file (which the store adopts), or
    /// why it could not be written (the file is then gone).
    func finish() async -> Result<SpoolFile, MailStoreError> {
        chunks.finish()
        return await writing.value
    }

    /// Drops the message: the file is removed once the writes under way end.
    func abort() {
        chunks.finish()
        let writing = self.writing
        Task {
            if case .success(let file) = await writing.value { try? FileManager.default.removeItem(atPath: file.path) }
        }
    }

    private static func writeAll(_ stream: AsyncStream<[UInt8]>, store: any MailStore, backlog: SharedCounter,
                                 drained: @Sendable () -> Void) async -> Result<SpoolFile, MailStoreError> {
        /// Counts a chunk as written (or dropped) and reports when the backlog falls under the limit.
        func settled(_ chunk: [UInt8]) {
            let before = backlog.add(-chunk.count)
            if before > backlogLimit, before - chunk.count <= backlogLimit { drained() }
        }
        let file: SpoolFile
        do {
            file = try await store.makeSpoolFile()
        } catch {
            for await chunk in stream { settled(chunk) }
            return .failure(error)
        }
        // Blocking file writes run on NIO's thread pool for blocking work, never on an event loop.
        let pool = NIOThreadPool.singleton
        var iterator = stream.makeAsyncIterator()
        do {
            let handle = try await pool.runIfActive {
                guard let handle = FileHandle(forWritingAtPath: file.path) else {
                    throw MailStoreError.storageFailure("cannot open the spool file \(file.path)")
                }
                return handle
            }
            defer { try? handle.close() }
            while let chunk = await iterator.next() {
                try await pool.runIfActive { try handle.write(contentsOf: chunk) }
                settled(chunk)
            }
        } catch {
            while let chunk = await iterator.next() { settled(chunk) }
            try? FileManager.default.removeItem(atPath: file.path)
            return .failure(.storageFailure("cannot write the spool file: \(error)"))
        }
        return .success(file)
    }
}
