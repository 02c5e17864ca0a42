import Testing
@testable import AbuseDefense

@Suite struct KeyedRateLimiterTests {
    private let twoPerMinute = RateLimit(count: 2, intervalSeconds: 60)!

    @Test func eachKeyHasItsOwnAllowance() {
        let limiter = KeyedRateLimiter(limit: twoPerMinute)
        #expect(limiter.take("192.0.2.1", now: 0))
        #expect(limiter.take("192.0.2.1", now: 0))
        #expect(!limiter.take("192.0.2.1", now: 1))
        #expect(limiter.take("192.0.2.2", now: 1))
        // 30 s later one token is back: the limit is lifted by time alone.
        #expect(limiter.take("192.0.2.1", now: 31))
        #expect(!limiter.take("192.0.2.1", now: 31))
    }

    @Test func memoryIsBoundedByForgettingFullBucketsFirst() {
        let limiter = KeyedRateLimiter(limit: twoPerMinute, maximumKeys: 100)
        for index in 0..<100 { _ = limiter.take("quiet-\(index)", now: 0) }
        #expect(limiter.trackedKeys == 100)
        // Two minutes on, every earlier bucket is full again and can be forgotten.
        #expect(limiter.take("new", now: 120))
        #expect(limiter.trackedKeys == 1)
    }

    @Test func withoutFullBucketsTheOldestHalfIsForgotten() {
        let limiter = KeyedRateLimiter(limit: twoPerMinute, maximumKeys: 10)
        for index in 0..<10 { _ = limiter.take("busy-\(index)", count: 2, now: Double(index) / 100) }
        #expect(limiter.take("new", now: 0.5))
        #expect(limiter.trackedKeys <= 10)
        #expect(limiter.trackedKeys >= 5)
    }

    @Test func clientNetworksAreThe24AndThe64() {
        #expect(ClientNetwork.key(of: "192.0.2.77") == "192.0.2.0/24")
        #expect(ClientNetwork.key(of: "::ffff:192.0.2.77") == "192.0.2.0/24")
        #expect(ClientNetwork.key(of: "2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64")
        #expect(ClientNetwork.key(of: "not an address") == "not an address")
    }
}
