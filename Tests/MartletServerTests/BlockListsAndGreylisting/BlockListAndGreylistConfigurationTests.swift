import AbuseDefense
import DNSResolver
import Foundation
import Testing
@testable import MartletServer

/// The `[dnsbl]` and `[greylisting]` tables: defaults, each key, and the values they refuse.
@Suite("Block list and greylisting configuration")
struct BlockListAndGreylistConfigurationTests {
    static let base = URL(fileURLWithPath: "/etc/martlet", isDirectory: true)

    func parse(_ tables: String) throws(ConfigurationError) -> ServerConfiguration {
        let text = "hostname = \"mail.example.org\"\ndata = \"/var/lib/martlet\"\n\(tables)\n"
        return try ServerConfiguration.parse(toml: text, file: "martlet.toml", baseDirectory: Self.base)
    }

    func failure(_ tables: String) -> String? {
        do {
            _ = try parse(tables)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func offByDefault() throws {
        let configuration = try parse("")
        #expect(!configuration.blockLists.isEnabled)
        #expect(!configuration.greylisting.isEnabled)
        #expect(configuration.greylisting.policy == GreylistPolicy())
    }

    @Test func blockListKeys() throws {
        let settings = try parse("""
            [dnsbl]
            zones = ["zen.example", "BL.example"]
            reject = false
            timeout_milliseconds = 800
            return_codes = ["zen.example=127.0.0.2:spam source", "zen.example=127.0.0.4: exploited host"]
            """).blockLists
        let spamSource = try #require(IPAddress("127.0.0.2"))
        let exploited = try #require(IPAddress("127.0.0.4"))
        #expect(settings.zones == [BlockListZone("zen.example", returnCodes: [spamSource: "spam source", exploited: "exploited host"]),
                                   BlockListZone("bl.example")])
        #expect(!settings.rejectsListedClients)
        #expect(settings.timeoutMilliseconds == 800)
    }

    @Test func blockListRefusals() {
        #expect(failure("[dnsbl]\nzones = [\"bad..zone\"]")?.contains("not a domain name") == true)
        #expect(failure("[dnsbl]\nzones = [\"a.example\", \"A.example\"]")?.contains("twice") == true)
        #expect(failure("[dnsbl]\nzones = [\"a.example\"]\nreturn_codes = [\"b.example=127.0.0.2:x\"]")?
            .contains("not one of the zones") == true)
        #expect(failure("[dnsbl]\nzones = [\"a.example\"]\nreturn_codes = [\"a.example=10.0.0.2:x\"]")?
            .contains("127.0.0.0/8") == true)
        #expect(failure("[dnsbl]\nzones = [\"a.example\"]\nreturn_codes = [\"a.example=127.0.0.2:\"]")?
            .contains("no meaning") == true)
        #expect(failure("[dnsbl]\nzones = [\"a.example\"]\ntimeout_milliseconds = 0") != nil)
        #expect(failure("[dnsbl]\nzone = [\"a.example\"]") != nil)
    }

    @Test func greylistingKeys() throws {
        let settings = try parse("""
            [greylisting]
            enabled = true
            delay_seconds = 1
            window_seconds = 600
            lifetime_days = 2
            whitelist_after = 3
            """).greylisting
        #expect(settings.isEnabled)
        #expect(settings.policy == GreylistPolicy(delay: 1_000, window: 600_000, lifetime: 2 * 86_400_000, whitelistAfter: 3))
    }

    @Test func greylistingRefusals() {
        #expect(failure("[greylisting]\ndelay_seconds = 0") != nil)
        #expect(failure("[greylisting]\ndelay_seconds = 600\nwindow_seconds = 600")?.contains("greater than delay_seconds") == true)
        #expect(failure("[greylisting]\nwindow_seconds = 864000\nlifetime_days = 1")?.contains("window_seconds") == true)
        #expect(failure("[greylisting]\nwhitelist_after = -1") != nil)
        #expect(failure("[greylisting]\nretry = 5") != nil)
    }
}
