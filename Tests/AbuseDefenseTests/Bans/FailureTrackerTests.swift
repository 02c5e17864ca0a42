import Testing
@testable import AbuseDefense

@Suite struct FailureTrackerTests {
    @Test func theNthFailureWithinTheWindowBans() {
        var tracker = FailureTracker(maximumFailures: 3, windowSeconds: 60)
        #expect(!outcome(tracker.record("198.51.100.9", now: 0)))
        #expect(!outcome(tracker.record("198.51.100.9", now: 10)))
        #expect(tracker.count(of: "198.51.100.9", now: 10) == 2)
        #expect(outcome(tracker.record("198.51.100.9", now: 20)))
        // The ban takes over: the history starts again.
        #expect(tracker.count(of: "198.51.100.9", now: 20) == 0)
    }

    @Test func failuresOutsideTheWindowDoNotCount() {
        var tracker = FailureTracker(maximumFailures: 3, windowSeconds: 60)
        #expect(!outcome(tracker.record("198.51.100.9", now: 0)))
        #expect(!outcome(tracker.record("198.51.100.9", now: 1)))
        #expect(!outcome(tracker.record("198.51.100.9", now: 70)))
        #expect(tracker.count(of: "198.51.100.9", now: 70) == 1)
        #expect(!outcome(tracker.record("198.51.100.10", now: 70)))
    }

    @Test func severalFailuresAtOnceAndForgetting() {
        var tracker = FailureTracker(maximumFailures: 5, windowSeconds: 60)
        #expect(!outcome(tracker.record("a", count: 4, now: 0)))
        tracker.forget("a")
        #expect(!outcome(tracker.record("a", count: 4, now: 1)))
        #expect(outcome(tracker.record("a", count: 1, now: 2)))
        #expect(!outcome(tracker.record("b", count: 0, now: 2)))
    }

    @Test func memoryIsBounded() {
        var tracker = FailureTracker(maximumFailures: 5, windowSeconds: 60, maximumAddresses: 50)
        for index in 0..<500 { _ = tracker.record("203.0.113.\(index % 256)-\(index)", now: Double(index)) }
        #expect(tracker.count(of: "203.0.113.243-499", now: 499) == 1)
        #expect(tracker.count(of: "203.0.113.0-0", now: 499) == 0)
    }

    @Test func aBanIsActiveUntilItEnds() {
        let ban = Ban(address: "192.0.2.1", reason: "test", created: 0, expires: 10)
        #expect(ban.isActive(at: 9.9))
        #expect(!ban.isActive(at: 10))
    }
}

/// Lets `#expect` check the result of a mutating call (the macro cannot take one).
private func outcome(_ value: Bool) -> Bool { value }

@Suite struct BanKeyTests {
    @Test func ipv4AddressesAreBannedAloneAndIPv6ByTheir64() {
        #expect(BanKey.of("192.0.2.7") == "192.0.2.7")
        #expect(BanKey.of("::ffff:192.0.2.7") == "192.0.2.7")
        #expect(BanKey.of("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64")
        #expect(BanKey.of("2001:db8:1:2:bbbb::9") == BanKey.of("2001:db8:1:2:aaaa::1"))
        #expect(BanKey.of("2001:db8:1:3::1") != BanKey.of("2001:db8:1:2::1"))
    }

    @Test func administratorsNameABanByAddressOrNetwork() {
        #expect(BanKey.named("192.0.2.7") == "192.0.2.7")
        #expect(BanKey.named("2001:db8:1:2::5") == "2001:db8:1:2::/64")
        #expect(BanKey.named("2001:db8:1:2::/64") == "2001:db8:1:2::/64")
        #expect(BanKey.named("2001:db8::/32") == nil)
        #expect(BanKey.named("192.0.2.0/24") == nil)
        #expect(BanKey.named("mail.example") == nil)
    }
}
