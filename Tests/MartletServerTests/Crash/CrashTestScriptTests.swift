import Foundation
import Testing
import TestSupport

/// The short version of `scripts/crash-test`: five rounds of SMTP load against `martlet
/// serve`, each ended by SIGKILL, after which every acknowledged message must be in the
/// INBOX exactly once and byte-exact, with UIDs and UIDVALIDITY intact. The script runs from
/// the source tree (it is an operator's tool, not a test resource).
@Suite("Crash consistency")
struct CrashTestScriptTests {
    /// The package root: this file is Tests/MartletServerTests/Crash/CrashTestScriptTests.swift.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func fiveKillsLoseNoAcknowledgedMessage() async throws {
        await ServerSlots.shared.acquire()
        defer { ServerSlots.shared.release() }
        let script = Self.packageRoot.appendingPathComponent("scripts/crash-test")
        try #require(FileManager.default.isExecutableFile(atPath: script.path), "\(script.path) is missing")
        let run = try RunningProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", script.path, "--kills", "5", "--martlet", try MartletExecutable().url.path,
             "--time-limit", "240"])
        defer { run.stop() }
        let status = try await run.waitForExit(timeout: 300)
        let output = "\(run.lines.joined(separator: "\n"))\n\(run.standardError)"
        #expect(status == 0, "\(output)")
        #expect(run.lines.last == "5 passed, 0 failed", "\(output)")
    }
}
