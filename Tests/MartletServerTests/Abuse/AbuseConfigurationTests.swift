import AbuseDefense
import DNSResolver
import Foundation
import Testing
@testable import MartletServer

/// The `[rate_limits]` and `[bans]` tables: defaults, each key, and the values refused.
@Suite("Rate limit and ban configuration")
struct AbuseConfigurationTests {
    private func parse(_ tables: String) throws(ConfigurationError) -> ServerConfiguration {
        let text = "hostname = \"mail.example.org\"\ndata = \"/var/lib/martlet\"\n\(tables)\n"
        return try ServerConfiguration.parse(toml: text, file: "martlet.toml",
                                             baseDirectory: URL(fileURLWithPath: "/etc/martlet", isDirectory: true))
    }

    @Test func defaultsLimitEveryoneButLoopback() throws {
        let configuration = try parse("")
        #expect(configuration.rateLimits == RateLimitSettings())
        #expect(configuration.rateLimits.exemptNetworks == IPNetwork.loopback)
        #expect(configuration.rateLimits.authenticationAttempts.perAddress == RateLimit(count: 30, intervalSeconds: 60))
        #expect(configuration.bans == BanSettings())
        #expect(configuration.bans.enabled && configuration.bans.maximumFailures == 10)
        #expect(configuration.bans.windowSeconds == 600 && configuration.bans.banSeconds == 3600)
    }

    @Test func everyRateKeyIsReadAndOffTurnsOneOff() throws {
        let configuration = try parse("""
            [rate_limits]
            new_connections_per_address = "10/minute"
            new_connections_per_network = "off"
            new_connections = "1000/minute"
            messages_per_user = "50/hour"
            recipients = "5/10s"
            auth_attempts_per_network = "7/minute"
            connections_per_network = 12
            exempt_networks = ["192.0.2.0/24", "2001:db8::1"]
            """)
        let rates = configuration.rateLimits
        #expect(rates.newConnections.perAddress == RateLimit(count: 10, intervalSeconds: 60))
        #expect(rates.newConnections.perNetwork == nil)
        #expect(rates.newConnections.global == RateLimit(count: 1000, intervalSeconds: 60))
        #expect(rates.messages.perUser == RateLimit(count: 50, intervalSeconds: 3600))
        #expect(rates.recipients.global == RateLimit(count: 5, intervalSeconds: 10))
        #expect(rates.authenticationAttempts.perNetwork == RateLimit(count: 7, intervalSeconds: 60))
        #expect(rates.connectionsPerNetwork == 12)
        #expect(rates.exemptNetworks == [IPNetwork("192.0.2.0/24")!, IPNetwork("2001:db8::1")!])
    }

    @Test func banKeys() throws {
        let bans = try parse("""
            [bans]
            enabled = false
            max_failures = 5
            window_seconds = 120
            ban_seconds = 86400
            allow_networks = ["10.0.0.0/8"]
            """).bans
        #expect(!bans.enabled && bans.maximumFailures == 5 && bans.windowSeconds == 120 && bans.banSeconds == 86400)
        #expect(bans.allowNetworks == [IPNetwork("10.0.0.0/8")!])
    }

    @Test func badValuesAreRefusedWithTheirKey() {
        for (table, key) in [("[rate_limits]\nmessages = \"lots\"", "rate_limits.messages"),
                             ("[rate_limits]\nnew_connections_per_user = \"1/minute\"", "new_connections_per_user"),
                             ("[rate_limits]\nconnections_per_network = 0", "rate_limits.connections_per_network"),
                             ("[rate_limits]\nexempt_networks = [\"here\"]", "rate_limits.exempt_networks"),
                             ("[bans]\nmax_failures = 0", "bans.max_failures"),
                             ("[bans]\nban_minutes = 5", "ban_minutes")] {
            #expect(throws: ConfigurationError.self, "\(table)") { try parse(table) }
            do {
                _ = try parse(table)
            } catch {
                #expect(error.description.contains(key), "\(error)")
            }
        }
    }
}
