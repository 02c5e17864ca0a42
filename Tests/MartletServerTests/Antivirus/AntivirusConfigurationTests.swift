import Foundation
import Testing
@testable import MartletServer

/// The `[antivirus]` table: defaults, each key, and the values it refuses.
@Suite("Antivirus configuration")
struct AntivirusConfigurationTests {
    static let base = URL(fileURLWithPath: "/etc/martlet", isDirectory: true)

    func parse(_ table: String) throws(ConfigurationError) -> AntivirusSettings {
        let text = "hostname = \"mail.example.org\"\ndata = \"/var/lib/martlet\"\n[antivirus]\n\(table)\n"
        return try ServerConfiguration.parse(toml: text, file: "martlet.toml", baseDirectory: Self.base).antivirus
    }

    @Test func offByDefaultWithDebianSocket() throws {
        let settings = try parse("")
        #expect(settings == AntivirusSettings())
        #expect(!settings.isEnabled)
        #expect(settings.address == .unixSocket(path: "/run/clamav/clamd.ctl"))
        #expect(!settings.failsOpen)
        #expect(settings.timeout == .seconds(30))
        #expect(settings.maximumScanSize == 26_214_400)
    }

    @Test func everyKey() throws {
        let settings = try parse("""
            enabled = true
            address = "127.0.0.1:3310"
            fail_open = true
            timeout_seconds = 5
            max_scan_size = 1000
            """)
        #expect(settings == AntivirusSettings(
            isEnabled: true, address: .tcp(try NetworkAddress(host: "127.0.0.1", port: 3310)), failsOpen: true,
            timeout: .seconds(5), maximumScanSize: 1000))
    }

    @Test func relativeSocketPathIsInsideTheConfigurationFolder() throws {
        #expect(try parse("address = \"unix:run/clamd.sock\"").address == .unixSocket(path: "/etc/martlet/run/clamd.sock"))
        #expect(try parse("address = \"[::1]:3310\"").address == .tcp(try NetworkAddress(host: "::1", port: 3310)))
    }

    @Test(arguments: [
        ("address = \"unix:\"", "martlet.toml:4: invalid \"antivirus.address\": \"unix:\" needs the socket's path"),
        ("address = \"clamd.example:3310\"", "martlet.toml:4: invalid \"antivirus.address\": \"clamd.example\" is not an IP address"),
        ("address = \"127.0.0.1\"", "martlet.toml:4: invalid \"antivirus.address\": \"127.0.0.1\" has no port"),
        ("address = \"127.0.0.1:0\"", "martlet.toml:4: invalid \"antivirus.address\": \"127.0.0.1:0\": clamd cannot listen on port 0"),
        ("address = \"unix:/\(String(repeating: "d", count: 120))\"", "bytes, the limit of a UNIX socket address"),
        ("timeout_seconds = 0", "martlet.toml:4: invalid \"antivirus.timeout_seconds\": must be 1...3600"),
        ("max_scan_size = 0", "martlet.toml:4: invalid \"antivirus.max_scan_size\": must be at least 1 octet"),
        ("fail_open = \"yes\"", "martlet.toml:4: \"antivirus.fail_open\" must be"),
        ("enable = true", "martlet.toml:4: unknown key \"antivirus.enable\""),
    ])
    func refusedValues(table: String, expected: String) {
        do {
            _ = try parse(table)
            Issue.record("\(table) was accepted")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }
}
