import Foundation
import Testing
@testable import MailStore

@Suite("Bans: kept, listed, lifted and expired in the store")
struct BanStoreTests {
    @Test func bansAreListedUntilTheyEndOrAreLifted() async throws {
        try await withStore { fixture in
            let store = fixture.store
            try await store.saveBan(address: "192.0.2.7", reason: "10 authentication failures in 600 seconds",
                                    created: 1000, expires: 4600)
            try await store.saveBan(address: "2001:db8::7", reason: "protocol abuses", created: 1000, expires: 2000)
            #expect(try await store.activeBans(at: 1500).map(\.address) == ["2001:db8::7", "192.0.2.7"])
            #expect(try await store.activeBans(at: 2000).map(\.address) == ["192.0.2.7"])
            let ban = try #require(try await store.activeBans(at: 1500).last)
            #expect(ban.reason == "10 authentication failures in 600 seconds" && ban.created == 1000 && ban.expires == 4600)

            // A new ban of the same address replaces the old one.
            try await store.saveBan(address: "192.0.2.7", reason: "again", created: 5000, expires: 9000)
            #expect(try await store.activeBans(at: 5000).map(\.reason) == ["again"])

            #expect(try await store.liftBan(address: "192.0.2.7", at: 5001))
            #expect(try await !store.liftBan(address: "192.0.2.7", at: 5001))
            #expect(try await store.activeBans(at: 5001).isEmpty)
            // An expired ban is not "lifted", but is gone all the same.
            #expect(try await !store.liftBan(address: "2001:db8::7", at: 5001))
            #expect(try await store.removeExpiredBans(before: 5001) == 0)
        }
    }

    @Test func expiredBansAreRemoved() async throws {
        try await withStore { fixture in
            let store = fixture.store
            try await store.saveBan(address: "192.0.2.1", reason: "r", created: 0, expires: 10)
            try await store.saveBan(address: "192.0.2.2", reason: "r", created: 0, expires: 20)
            #expect(try await store.removeExpiredBans(before: 15) == 1)
            #expect(try await store.activeBans(at: 0).map(\.address) == ["192.0.2.2"])
        }
    }
}
