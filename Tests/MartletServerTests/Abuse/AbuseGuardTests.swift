import AbuseDefense
import DNSResolver
import Logging
import Locking
import Testing
@testable import MartletServer

/// The abuse guard with a clock the test moves: rate limits per address, network and user,
/// exemptions, bans made by failures, the allow-list, and bans ending.
@Suite struct AbuseGuardTests {
    private final class TestClock: Sendable {
        let now = Locked(1_000_000.0)
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
        var reading: @Sendable () -> Double { { self.now.withLock { $0 } } }
    }

    private func makeGuard(clock: TestClock, configure: (inout RateLimitSettings, inout BanSettings) -> Void = { _, _ in })
        -> AbuseGuard {
        var rates = RateLimitSettings()
        var bans = BanSettings()
        rates.exemptNetworks = [IPNetwork("127.0.0.0/8")!]
        bans.allowNetworks = [IPNetwork("127.0.0.0/8")!]
        configure(&rates, &bans)
        return AbuseGuard(rateLimits: rates, bans: bans, store: nil, logger: Logger(label: "test"), clock: clock.reading)
    }

    @Test func newConnectionsArePerAddressAndPerNetwork() {
        let clock = TestClock()
        let abuseGuard = makeGuard(clock: clock) { rates, _ in
            rates.newConnections = .init(perAddress: RateLimit(parsing: "2/minute"), perNetwork: RateLimit(parsing: "3/minute"))
        }
        #expect(abuseGuard.admitConnection(from: "192.0.2.1") == nil)
        #expect(abuseGuard.admitConnection(from: "192.0.2.1") == nil)
        let refusal = abuseGuard.admitConnection(from: "192.0.2.1")
        #expect(refusal?.description == "too many new connections from your address (limit 2 per minute)")
        // Every attempt counts toward the network, refused or not: 3 from the /24 used it up.
        #expect(abuseGuard.admitConnection(from: "192.0.2.2")?.description
                == "too many new connections from your network (limit 3 per minute)")
        #expect(abuseGuard.admitConnection(from: "198.51.100.1") == nil)
        for _ in 0..<10 { #expect(abuseGuard.admitConnection(from: "127.0.0.1") == nil) }
        clock.advance(30)
        #expect(abuseGuard.admitConnection(from: "192.0.2.1") == nil)
    }

    @Test func messagesCountPerUserAcrossAddresses() {
        let clock = TestClock()
        let abuseGuard = makeGuard(clock: clock) { rates, _ in
            rates.messages = .init(perUser: RateLimit(parsing: "2/hour"))
        }
        #expect(abuseGuard.admitMessage(from: "192.0.2.1", user: "Ann@example.org") == nil)
        #expect(abuseGuard.admitMessage(from: "198.51.100.7", user: "ann@example.org") == nil)
        #expect(abuseGuard.admitMessage(from: "203.0.113.9", user: "ann@example.org")?.description
                == "too many messages from your account (limit 2 per hour)")
        #expect(abuseGuard.admitMessage(from: "203.0.113.9", user: nil) == nil)
        #expect(abuseGuard.admitMessage(from: "203.0.113.9", user: "bob@example.org") == nil)
    }

    @Test func globalAndNetworkRatesCoverEveryClientAndLiftWithTime() {
        let clock = TestClock()
        let abuseGuard = makeGuard(clock: clock) { rates, _ in
            rates.recipients = .init(perNetwork: RateLimit(parsing: "2/minute"), global: RateLimit(parsing: "3/minute"))
            rates.authenticationAttempts = .init(global: RateLimit(parsing: "1/10s"))
        }
        #expect(abuseGuard.admitRecipient(from: "192.0.2.1", user: nil) == nil)
        #expect(abuseGuard.admitRecipient(from: "192.0.2.2", user: nil)?.description == nil)
        #expect(abuseGuard.admitRecipient(from: "192.0.2.3", user: nil)?.description
                == "too many recipients from your network (limit 2 per minute)")
        #expect(abuseGuard.admitRecipient(from: "198.51.100.1", user: nil)?.description
                == "too many recipients to this server (limit 3 per minute)")
        #expect(abuseGuard.admitRecipient(from: "127.0.0.1", user: nil) == nil)
        #expect(abuseGuard.admitAuthenticationAttempt(from: "203.0.113.1") == nil)
        #expect(abuseGuard.admitAuthenticationAttempt(from: "203.0.113.2")?.description
                == "too many authentication attempts to this server (limit 1 per 10 seconds)")
        clock.advance(60)
        #expect(abuseGuard.admitRecipient(from: "192.0.2.3", user: nil) == nil)
        #expect(abuseGuard.admitAuthenticationAttempt(from: "203.0.113.2") == nil)
    }

    @Test func failuresBanAnAddressUntilTheBanEnds() {
        let clock = TestClock()
        let abuseGuard = makeGuard(clock: clock) { _, bans in
            bans.maximumFailures = 3
            bans.windowSeconds = 60
            bans.banSeconds = 600
        }
        abuseGuard.record(.authentication, count: 2, of: "192.0.2.50")
        #expect(abuseGuard.admitConnection(from: "192.0.2.50") == nil)
        abuseGuard.record(.protocolAbuse, of: "192.0.2.50")
        guard case .banned(let ban) = abuseGuard.admitConnection(from: "192.0.2.50") else {
            Issue.record("not banned")
            return
        }
        #expect(ban.reason == "3 protocol abuses in 60 seconds")
        #expect(abuseGuard.admitConnection(from: "192.0.2.51") == nil)
        clock.advance(600)
        #expect(abuseGuard.admitConnection(from: "192.0.2.50") == nil)
    }

    @Test func anIPv6ClientIsBannedWithItsWhole64() {
        let clock = TestClock()
        let abuseGuard = makeGuard(clock: clock) { _, bans in bans.maximumFailures = 2 }
        abuseGuard.record(.authentication, of: "2001:db8:1:2::10")
        abuseGuard.record(.authentication, of: "2001:db8:1:2::11")
        #expect(abuseGuard.activeBan(of: "2001:db8:1:2:ffff::1")?.address == "2001:db8:1:2::/64")
        #expect(abuseGuard.activeBan(of: "2001:db8:1:3::10") == nil)
    }

    @Test func allowListedAddressesAreNeverBanned() {
        let clock = TestClock()
        let abuseGuard = makeGuard(clock: clock) { _, bans in bans.maximumFailures = 1 }
        abuseGuard.record(.authentication, count: 5, of: "127.0.0.1")
        #expect(abuseGuard.activeBan(of: "127.0.0.1") == nil)
        abuseGuard.record(.authentication, of: "::ffff:192.0.2.9")
        #expect(abuseGuard.activeBan(of: "::ffff:192.0.2.9") != nil)
    }

    @Test func bansCanBeTurnedOff() {
        let clock = TestClock()
        let abuseGuard = makeGuard(clock: clock) { _, bans in
            bans.enabled = false
            bans.maximumFailures = 1
        }
        abuseGuard.record(.authentication, count: 5, of: "192.0.2.1")
        #expect(abuseGuard.activeBan(of: "192.0.2.1") == nil)
    }
}
