import Foundation
import Testing
@testable import MartletServer

/// The configuration example in README.md ("Running it for real") is a valid configuration:
/// every key it shows exists and every value is accepted.
@Suite("README configuration example")
struct ReadmeConfigurationTests {
    @Test func theExampleParses() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.range(of: "## Running it for real"))
        let opening = try #require(text.range(of: "```toml\n", range: section.upperBound..<text.endIndex))
        let closing = try #require(text.range(of: "```", range: opening.upperBound..<text.endIndex))
        let example = String(text[opening.upperBound..<closing.lowerBound])
        let configuration = try ServerConfiguration.parse(toml: example, file: "README.md",
                                                          baseDirectory: URL(fileURLWithPath: "/etc/martlet"))
        #expect(configuration.hostname == "mail.example.org")
        #expect(configuration.blockLists.isEnabled)
        #expect(configuration.rateLimits.messages.perAddress?.count == 1000)
        #expect(configuration.bans.maximumFailures == 10)
    }
}
