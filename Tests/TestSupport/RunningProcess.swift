import Foundation
import Locking

/// A child process that keeps running while a test talks to it: its output lines can be
/// awaited, it can be signalled, and its exit awaited. Always ends it (`stop`) in the test.
public final class RunningProcess: Sendable {
    private let process: SpawnedProcess
    private let output = CapturedOutput()
    /// The read ends of the child's stdout and stderr, kept while their handlers read.
    private let pipes: (output: Pipe, error: Pipe)

    public init(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws {
        let standardOutput = Pipe(), standardError = Pipe()
        standardOutput.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            output.appendStandardOutput(data)
            if data.isEmpty { handle.readabilityHandler = nil }
        }
        standardError.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            output.appendStandardError(data)
            if data.isEmpty { handle.readabilityHandler = nil }
        }
        defer {
            // The child has its own copies; the ends here would keep the pipes from ending.
            try? standardOutput.fileHandleForWriting.close()
            try? standardError.fileHandleForWriting.close()
        }
        process = try SpawnedProcess(executable, arguments, environment: environment,
                                     standardOutput: standardOutput.fileHandleForWriting.fileDescriptor,
                                     standardError: standardError.fileHandleForWriting.fileDescriptor)
        pipes = (standardOutput, standardError)
    }

    /// A process its test forgot to stop (or could not, having failed first) is killed.
    deinit {
        if process.isRunning { process.signal(SIGKILL) }
    }

    public var processIdentifier: Int32 { process.processIdentifier }
    /// The complete lines printed on stdout so far.
    public var lines: [String] { output.lines }
    /// What was printed on stderr so far.
    public var standardError: String { output.standardError }
    public var isRunning: Bool { process.isRunning }

    /// Waits until a line containing `text` appears on stdout; returns every line so far.
    public func waitForLine(containing text: String, timeout: TimeInterval = 60) async throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            // The output is looked at before the clock: a test task that a busy machine let
            // sleep past the deadline still sees a line that arrived in time.
            let lines = self.lines
            if lines.contains(where: { $0.contains(text) }) { return lines }
            if !process.isRunning, output.standardOutputClosed { break }
            guard Date() < deadline else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RunningProcessError.lineNotSeen(text, lines: lines, standardError: standardError)
    }

    /// Sends a signal (e.g. SIGTERM, SIGINT, SIGKILL).
    public func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to end and returns its exit status (or the signal's number
    /// when it was killed); throws if it has not ended in time.
    public func waitForExit(timeout: TimeInterval = 30) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < deadline else { throw RunningProcessError.stillRunning }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Every thread's stack of the running process, from gdb if the machine has it (else a
    /// line saying so): what a test prints when the process stopped answering.
    public func threadBacktraces() async -> String {
        let debugger = "/usr/bin/gdb"
        guard process.isRunning else { return "(the process has ended)" }
        guard FileManager.default.isExecutableFile(atPath: debugger) else { return "(no \(debugger) for backtraces)" }
        do {
            let result = try await ChildProcess.run(
                URL(fileURLWithPath: debugger),
                ["-p", "\(process.processIdentifier)", "-batch", "-nx", "-ex", "thread apply all bt 40"], timeout: 120)
            return result.standardOutput + result.standardError
        } catch {
            return "(gdb failed: \(error))"
        }
    }

    /// How the process ended: normally or by an uncaught signal (`.exit` while it runs).
    public var terminationReason: Process.TerminationReason {
        if case .signalled = process.ended { .uncaughtSignal } else { .exit }
    }

    /// Ends the process if it still runs (SIGKILL) and waits, at most 10 s, until it has been
    /// seen to end (never for ever, on a thread the rest of the suite shares: a whole ASan
    /// run once hung in Foundation's `waitUntilExit()` there).
    public func stop() {
        if process.isRunning { process.signal(SIGKILL) }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(10_000) }
    }
}

public enum RunningProcessError: Error, CustomStringConvertible {
    case lineNotSeen(String, lines: [String], standardError: String)
    case stillRunning

    public var description: String {
        switch self {
        case .lineNotSeen(let text, let lines, let standardError):
            "no line with '\(text)' on stdout; stdout: \(lines.joined(separator: " | ")); stderr: \(standardError)"
        case .stillRunning: "the process did not exit in time"
        }
    }
}

/// What a running child printed, filled by the pipes' handlers on their own threads.
final class CapturedOutput: Sendable {
    private let state = Locked<(lines: [String], partial: String, closed: Bool, error: String)>(([], "", false, ""))

    func appendStandardOutput(_ data: Data) {
        state.withLock { state in
            if data.isEmpty { state.closed = true; return }
            state.partial += String(decoding: data, as: UTF8.self)
            while let newline = state.partial.firstIndex(of: "\n") {
                state.lines.append(String(state.partial[..<newline]))
                state.partial = String(state.partial[state.partial.index(after: newline)...])
            }
        }
    }

    func appendStandardError(_ data: Data) {
        state.withLock { $0.error += String(decoding: data, as: UTF8.self) }
    }

    var lines: [String] { state.withLock { $0.lines } }
    var standardError: String { state.withLock { $0.error } }
    var standardOutputClosed: Bool { state.withLock { $0.closed } }
}
