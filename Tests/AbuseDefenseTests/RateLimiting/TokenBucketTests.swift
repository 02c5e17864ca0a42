import Testing
@testable import AbuseDefense

@Suite struct TokenBucketTests {
    @Test func aFullBucketAllowsItsBurstThenRefusesUntilItRefills() {
        var bucket = TokenBucket(capacity: 3, refillPerSecond: 1, now: 100)
        #expect(outcome(bucket.take(now: 100)))
        #expect(outcome(bucket.take(now: 100)))
        #expect(outcome(bucket.take(now: 100)))
        #expect(!outcome(bucket.take(now: 100)))
        #expect(!outcome(bucket.take(now: 100.5)))
        #expect(bucket.secondsUntilAvailable(now: 100.5) == 0.5)
        #expect(outcome(bucket.take(now: 101)))
        #expect(!bucket.isFull(now: 101))
        #expect(bucket.isFull(now: 104))
    }

    @Test func refillStopsAtCapacity() {
        var bucket = TokenBucket(capacity: 2, refillPerSecond: 10, now: 0)
        #expect(outcome(bucket.take(2, now: 0)))
        #expect(outcome(bucket.take(2, now: 1000)))
        #expect(!outcome(bucket.take(now: 1000)))
    }

    @Test func aClockGoingBackwardsAddsNothing() {
        var bucket = TokenBucket(capacity: 1, refillPerSecond: 1, now: 50)
        #expect(outcome(bucket.take(now: 50)))
        #expect(!outcome(bucket.take(now: 10)))
    }

    @Test func ratesAreParsedFromTheirConfigurationText() {
        #expect(RateLimit(parsing: "30/minute") == RateLimit(count: 30, intervalSeconds: 60))
        #expect(RateLimit(parsing: "500/hour") == RateLimit(count: 500, intervalSeconds: 3600))
        #expect(RateLimit(parsing: "5/10s") == RateLimit(count: 5, intervalSeconds: 10))
        #expect(RateLimit(parsing: " 2 / second ") == RateLimit(count: 2, intervalSeconds: 1))
        #expect(RateLimit(parsing: "1/day")?.description == "1 per day")
        #expect(RateLimit(parsing: "5/10s")?.description == "5 per 10 seconds")
        for bad in ["", "30", "0/minute", "-1/hour", "3/fortnight", "x/minute", "3/0s", "3/s0"] {
            #expect(RateLimit(parsing: bad) == nil, "\(bad)")
        }
    }
}

/// Lets `#expect` check the result of a mutating call (the macro cannot take one).
private func outcome(_ value: Bool) -> Bool { value }
