import DNSResolver
import Foundation
import MailStore
import Locking
import Testing
import TestSupport
@testable import AbuseDefense

/// Greylisting against a real SQLite store, with a clock the test moves.
@Suite("Greylister with the store")
struct GreylisterTests {
    final class TestClock: Sendable {
        let now = Locked<Int64>(1_800_000_000_000)
        func advance(_ milliseconds: Int64) { now.withLock { $0 += milliseconds } }
        func read() -> Int64 { now.withLock { $0 } }
    }

    static let policy = GreylistPolicy(delay: 1_000, window: 60_000, lifetime: 600_000, whitelistAfter: 1)

    func withStore(_ body: (SQLiteMailStore) async throws -> Void) async throws {
        let folder = try TemporaryDirectory(prefix: "martlet-greylist")
        defer { folder.remove() }
        let store = try await SQLiteMailStore.open(directory: folder.path)
        do {
            try await body(store)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    @Test("Deferred, deferred too early, passed in the window, then the network is whitelisted")
    func lifecycle() async throws {
        try await withStore { store in
            let clock = TestClock()
            let greylister = Greylister(policy: Self.policy, store: store, clock: { clock.read() })
            let client = try #require(IPAddress("198.51.100.7"))
            let triplet = GreylistTriplet(client: client, sender: "a@remote.example", recipient: "bob@local.test")
            #expect(await greylister.check(triplet).decision.verdict == .deferred(retryAfterSeconds: 1))
            clock.advance(400)
            #expect(await greylister.check(triplet).decision.verdict == .deferred(retryAfterSeconds: 1))
            clock.advance(1_100)
            #expect(await greylister.check(triplet).decision.verdict == .pass(.retriedInWindow))
            // Another host of the same /24, another sender: whitelisted now.
            let other = GreylistTriplet(client: try #require(IPAddress("198.51.100.200")), sender: "c@else.example",
                                        recipient: "bob@local.test")
            #expect(await greylister.check(other).decision.verdict == .pass(.whitelistedClient))
            // Another network is still greylisted.
            let stranger = GreylistTriplet(client: try #require(IPAddress("203.0.113.5")), sender: "a@remote.example",
                                           recipient: "bob@local.test")
            #expect(!(await greylister.check(stranger).decision.passes))
            let rows = try await store.greylistRecords([triplet.key, triplet.clientKey, stranger.key])
            #expect(rows[triplet.key]?.passed == 1)
            #expect(rows[triplet.clientKey]?.passed == 1)
            #expect(rows[stranger.key]?.passed == 0)
        }
    }

    @Test("Records older than the lifetime are deleted")
    func expiry() async throws {
        try await withStore { store in
            let clock = TestClock()
            let greylister = Greylister(policy: Self.policy, store: store, expiryInterval: 1_000, clock: { clock.read() })
            let old = GreylistTriplet(client: try #require(IPAddress("198.51.100.7")), sender: "", recipient: "bob@local.test")
            _ = await greylister.check(old)
            #expect(try await store.greylistRecords([old.key]).count == 1)
            clock.advance(600_001)
            let fresh = GreylistTriplet(client: try #require(IPAddress("203.0.113.5")), sender: "", recipient: "bob@local.test")
            _ = await greylister.check(fresh)
            #expect(try await store.greylistRecords([old.key]).isEmpty)
            #expect(try await store.greylistRecords([fresh.key]).count == 1)
            #expect(try await store.expireGreylistRecords(lastSeenBefore: clock.read() + 1) == 1)
        }
    }
}
