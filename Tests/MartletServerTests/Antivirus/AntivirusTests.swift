import Foundation
import Testing

/// Virus scanning through a real clamd (Debian's clamav-daemon) that the script starts with
/// a signature database of its own: EICAR refused with 554 5.7.1 on ports 25, 587 and 465,
/// clean mail delivered, 451 4.7.0 once clamd is stopped, accepted with fail_open.
@Suite("Antivirus")
struct AntivirusTests {
    @Test func infectedRefusedCleanDeliveredScannerDownDeferred() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/sbin/clamd"),
                     "clamd is missing: install Debian's clamav-daemon (.ci/run does)")
        try await ServerScript(name: "antivirus").run(timeout: 300)
    }
}
