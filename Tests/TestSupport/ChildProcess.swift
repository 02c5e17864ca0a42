import Foundation
import Locking

/// Runs a program to completion and captures what it printed (for CLI tests).
public struct ProcessResult: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String

    public var outputLines: [String] { standardOutput.split(separator: "\n").map(String.init) }
    public var errorLines: [String] { standardError.split(separator: "\n").map(String.init) }
}

public enum ChildProcessError: Error, CustomStringConvertible {
    case timedOut(String)
    public var description: String {
        switch self { case .timedOut(let command): "\(command) did not finish in time" }
    }
}

public enum ChildProcess {
    /// Runs `executable` with `arguments`, feeding `input` on standard input, and waits at
    /// most `timeout` seconds (then kills it and throws). The waiting happens on a dispatch
    /// thread, never on one of the few threads Swift concurrency runs every test on.
    public static func run(_ executable: URL, _ arguments: [String], input: String? = nil,
                           environment: [String: String]? = nil, timeout: TimeInterval = 60) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try runBlocking(executable, arguments, input: input, environment: environment, timeout: timeout)
                })
            }
        }
    }

    private static func runBlocking(_ executable: URL, _ arguments: [String], input: String?,
                                    environment: [String: String]?, timeout: TimeInterval) throws -> ProcessResult {
        let output = Pipe(), error = Pipe(), standardInput = Pipe()
        let process: SpawnedProcess
        do {
            defer {
                // The child has its own copies of these ends.
                try? standardInput.fileHandleForReading.close()
                try? output.fileHandleForWriting.close()
                try? error.fileHandleForWriting.close()
            }
            process = try SpawnedProcess(executable, arguments, environment: environment,
                                         standardInput: standardInput.fileHandleForReading.fileDescriptor,
                                         standardOutput: output.fileHandleForWriting.fileDescriptor,
                                         standardError: error.fileHandleForWriting.fileDescriptor)
        }
        if let input { try? standardInput.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
        try? standardInput.fileHandleForWriting.close()

        // Drain both pipes concurrently so a chatty child cannot block on a full pipe.
        let collected = OutputCollector()
        let group = DispatchGroup()
        for (handle, isError) in [(output.fileHandleForReading, false), (error.fileHandleForReading, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = handle.readDataToEndOfFile()
                collected.set(data, isError: isError)
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.signal(SIGKILL)
            throw ChildProcessError.timedOut(([executable.lastPathComponent] + arguments).joined(separator: " "))
        }
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             standardOutput: collected.text(isError: false),
                             standardError: collected.text(isError: true))
    }
}

/// Collects the two outputs written by the drain threads.
final class OutputCollector: Sendable {
    private let state = Locked<(output: Data, error: Data)>((Data(), Data()))

    func set(_ data: Data, isError: Bool) {
        state.withLock { if isError { $0.error = data } else { $0.output = data } }
    }

    func text(isError: Bool) -> String {
        state.withLock { String(decoding: isError ? $0.error : $0.output, as: UTF8.self) }
    }
}
