import MailStore
import Testing
@testable import AbuseDefense

/// Greylisting decisions with the time passed in: 60 s delay, 1 h window, 1 day lifetime,
/// whitelisting after 2 passed retries.
@Suite("Greylist decisions")
struct GreylistPolicyTests {
    static let policy = GreylistPolicy(delay: 60_000, window: 3_600_000, lifetime: 86_400_000, whitelistAfter: 2,
                                       refreshInterval: 600_000)
    static let start: Int64 = 1_800_000_000_000

    @Test("First seen: deferred for the whole delay, and remembered")
    func firstSeenIsDeferred() {
        let decision = Self.policy.decide(triplet: nil, client: nil, now: Self.start)
        #expect(decision.verdict == .deferred(retryAfterSeconds: 60))
        #expect(decision.triplet == GreylistRecord(firstSeen: Self.start, passed: 0, lastSeen: Self.start))
        #expect(decision.client == nil)
    }

    @Test("Too early: deferred for what is left of the delay; the first attempt's time stays")
    func tooEarlyIsDeferred() {
        let first = GreylistRecord(firstSeen: Self.start, passed: 0, lastSeen: Self.start)
        let decision = Self.policy.decide(triplet: first, client: nil, now: Self.start + 20_500)
        #expect(decision.verdict == .deferred(retryAfterSeconds: 40))
        #expect(decision.triplet == GreylistRecord(firstSeen: Self.start, passed: 0, lastSeen: Self.start + 20_500))
    }

    @Test("In the window: passes, and counts for the client network")
    func inWindowPasses() {
        let first = GreylistRecord(firstSeen: Self.start, passed: 0, lastSeen: Self.start)
        let now = Self.start + 60_000
        let decision = Self.policy.decide(triplet: first, client: nil, now: now)
        #expect(decision.verdict == .pass(.retriedInWindow))
        #expect(decision.triplet == GreylistRecord(firstSeen: Self.start, passed: 1, lastSeen: now))
        #expect(decision.client == GreylistRecord(firstSeen: now, passed: 1, lastSeen: now))
        // The last moment of the window still passes.
        #expect(Self.policy.decide(triplet: first, client: nil, now: Self.start + 3_600_000).passes)
    }

    @Test("After the window: deferred as a new triplet")
    func afterWindowStartsOver() {
        let first = GreylistRecord(firstSeen: Self.start, passed: 0, lastSeen: Self.start + 30_000)
        let now = Self.start + 3_600_001
        let decision = Self.policy.decide(triplet: first, client: nil, now: now)
        #expect(decision.verdict == .deferred(retryAfterSeconds: 60))
        #expect(decision.triplet == GreylistRecord(firstSeen: now, passed: 0, lastSeen: now))
    }

    @Test("A triplet that passed passes again at once, until its record expires")
    func knownTripletPasses() {
        let passed = GreylistRecord(firstSeen: Self.start, passed: 1, lastSeen: Self.start + 60_000)
        let later = Self.start + 5 * 3_600_000
        let decision = Self.policy.decide(triplet: passed, client: nil, now: later)
        #expect(decision.verdict == .pass(.knownTriplet))
        #expect(decision.triplet == GreylistRecord(firstSeen: Self.start, passed: 2, lastSeen: later))
        let expired = Self.start + 60_000 + 86_400_001
        #expect(Self.policy.decide(triplet: passed, client: nil, now: expired).verdict == .deferred(retryAfterSeconds: 60))
    }

    @Test("Whitelisted after enough passes: a new triplet from the network passes at once")
    func whitelistAfterPasses() {
        let now = Self.start + 100_000
        let onePass = GreylistRecord(firstSeen: Self.start, passed: 1, lastSeen: Self.start)
        #expect(!Self.policy.decide(triplet: nil, client: onePass, now: now).passes)
        // The second passed retry brings the count to the threshold.
        let first = GreylistRecord(firstSeen: Self.start, passed: 0, lastSeen: Self.start)
        let second = Self.policy.decide(triplet: first, client: onePass, now: now)
        #expect(second.client == GreylistRecord(firstSeen: Self.start, passed: 2, lastSeen: now))
        let whitelisted = Self.policy.decide(triplet: nil, client: second.client, now: now + 1_000)
        #expect(whitelisted.verdict == .pass(.whitelistedClient))
        #expect(whitelisted.triplet == nil && whitelisted.client == nil)
        // Its last-seen time is refreshed only now and then.
        let refreshed = Self.policy.decide(triplet: nil, client: second.client, now: now + 600_000)
        #expect(refreshed.client?.lastSeen == now + 600_000)
        // An expired whitelisting no longer counts.
        #expect(!Self.policy.decide(triplet: nil, client: second.client, now: now + 86_400_001).passes)
    }

    @Test("whitelist_after = 0 never whitelists")
    func noWhitelisting() {
        var policy = Self.policy
        policy.whitelistAfter = 0
        let client = GreylistRecord(firstSeen: Self.start, passed: 50, lastSeen: Self.start)
        #expect(!policy.decide(triplet: nil, client: client, now: Self.start + 1).passes)
    }
}
