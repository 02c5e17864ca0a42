import Foundation
import Testing
import TestSupport

/// A bundled Python script that starts its own `martlet serve` instances (through
/// `martlet_harness.py`), run with MARTLET (the executable) and WORK (a temporary folder).
struct ServerScript {
    let name: String

    /// Runs the script and expects exit status 0 and a last line "done"; on failure the
    /// servers' logs are added to the message.
    func run(timeout: TimeInterval, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        await ServerSlots.shared.acquire()
        defer { ServerSlots.shared.release() }
        let folder = try TemporaryDirectory(prefix: "martlet-\(name)")
        defer { folder.remove() }
        let script = try #require(Bundle.module.path(forResource: name, ofType: "py"))
        let client = try RunningProcess(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", script],
            environment: ProcessInfo.processInfo.environment.merging(
                ["WORK": folder.path, "MARTLET": try MartletExecutable().url.path]) { $1 })
        let status = try await client.waitForExit(timeout: timeout)
        var output = "\(client.lines.joined(separator: "\n"))\n\(client.standardError)"
        if status != 0 || !client.lines.contains("done") {
            let logs = FileManager.default.enumerator(atPath: folder.path)?
                .compactMap { $0 as? String }.filter { $0.hasSuffix("server.log") } ?? []
            for log in logs.sorted() {
                output += "\n--- \(log) ---\n"
                output += (try? String(contentsOfFile: folder.appending(log), encoding: .utf8)) ?? ""
            }
        }
        #expect(status == 0, "\(output)", sourceLocation: sourceLocation)
        #expect(client.lines.contains("done"), "\(output)", sourceLocation: sourceLocation)
    }
}
