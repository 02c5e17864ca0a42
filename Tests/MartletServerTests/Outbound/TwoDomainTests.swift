import Foundation
import Testing
import TestSupport

/// The picture every mail tutorial draws: two Martlet servers, isp1.test on 127.0.0.2 and
/// isp2.test on 127.0.0.3, found through MX records served by a dnsmasq the script starts.
/// Submission with STARTTLS and AUTH at isp1, the queue, MX lookup, SMTP with STARTTLS to isp2,
/// reading over IMAP and POP3; a deferral while isp2 is down; a bounce for an unknown user.
@Suite("Two domains")
struct TwoDomainTests {
    @Test func mailCrossesFromOneMartletToAnother() async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-two-domains")
        defer { folder.remove() }
        let script = try #require(Bundle.module.path(forResource: "two_domains", ofType: "py"))
        let client = try RunningProcess(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", script],
            environment: ProcessInfo.processInfo.environment.merging(
                ["WORK": folder.path, "MARTLET": try MartletExecutable().url.path]) { $1 })
        let status = try await client.waitForExit(timeout: 240)
        var output = "\(client.lines.joined(separator: "\n"))\n\(client.standardError)"
        if status != 0 {
            for name in ["isp1.test", "isp2.test"] {
                output += "\n--- \(name) log ---\n"
                output += (try? String(contentsOfFile: folder.appending("\(name)/server.log"), encoding: .utf8)) ?? ""
            }
        }
        #expect(status == 0, "\(output)")
        #expect(client.lines.contains("done"), "\(output)")
    }
}
