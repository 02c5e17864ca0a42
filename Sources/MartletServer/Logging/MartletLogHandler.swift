#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import Locking

/// A swift-log handler writing one readable structured line per record (see
/// `LogLineFormatter`) to an output: stderr in the server, a buffer in tests.
public struct MartletLogHandler: LogHandler {
    /// Where lines go. Each call receives one complete line, newline included.
    public typealias Output = @Sendable (String) -> Void

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let output: Output
    private let clock: @Sendable () -> Date
    private let formatter = LogLineFormatter()

    /// Creates a handler for the logger `label`.
    /// - Parameters:
    ///   - output: receives each formatted line; defaults to standard error.
    ///   - clock: the time stamped on each line; defaults to the system clock.
    public init(
        label: String, level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil,
        output: @escaping Output = StandardErrorOutput.write, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.output = output
        self.clock = clock
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, provided in provided }
        }
        if let explicit = event.metadata {
            merged.merge(explicit) { _, explicit in explicit }
        }
        if let error = event.error, merged["error"] == nil {
            merged["error"] = .string(String(describing: error))
        }
        let line = formatter.line(
            timestamp: clock().timeIntervalSince1970, level: event.level, label: label,
            message: event.message.description, metadata: merged)
        output(line + "\n")
    }
}

/// Writes whole lines to standard error, one `write(2)` per line under a lock, so lines
/// from concurrent tasks never interleave.
public enum StandardErrorOutput {
    private static let lock = Locked(())

    /// Writes `line` to file descriptor 2.
    @Sendable public static func write(_ line: String) {
        let bytes = Array(line.utf8)
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { buffer in
                    writeToStandardError(buffer.baseAddress, buffer.count)
                }
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}

/// `write(2)` to standard error, outside `StandardErrorOutput` so its `write` does not shadow it.
private func writeToStandardError(_ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(2, buffer, count)
}
