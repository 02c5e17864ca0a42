import Foundation
import MailCore
import Testing
@testable import MailStore

@Suite("Full-text search")
struct SearchTests {
    @Test func searchFindsWordsByFieldWithinOneMailbox() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("sam")
            let other = try await fixture.account("tess")
            let inbox = try await fixture.inbox(of: account)
            _ = try await store.append(.bytes(testMessage(subject: "Quarterly report", body: "The numbers look great.", from: "boss@corp.example")),
                                       to: inbox, flags: .none)
            _ = try await store.append(.bytes(testMessage(subject: "Lunch", body: "Café at noon? Bring the report.", from: "friend@pals.example")),
                                       to: inbox, flags: .none)
            _ = try await store.append(.bytes(testMessage(subject: "Quarterly plans", body: "Nothing here.", from: "boss@corp.example")),
                                       to: inbox, flags: .none)
            // The same content in another account must not show up in this mailbox.
            _ = try await store.deliver(.bytes(testMessage(subject: "Quarterly report", body: "other")), to: [DeliveryTarget(account: other.id)])

            func search(_ terms: TextSearchTerm...) async throws -> [UInt32] {
                try await store.search(TextSearchQuery(terms), in: inbox).map(\.rawValue)
            }
            #expect(try await search(TextSearchTerm(.subject, "quarterly")) == [1, 3])
            #expect(try await search(TextSearchTerm(.text, "report")) == [1, 2])
            #expect(try await search(TextSearchTerm(.body, "report")) == [2])
            #expect(try await search(TextSearchTerm(.subject, "quarterly"), TextSearchTerm(.body, "numbers")) == [1])
            #expect(try await search(TextSearchTerm(.from, "corp.example")) == [1, 3])
            // Case and accents do not matter; the last word may be a prefix.
            #expect(try await search(TextSearchTerm(.body, "CAFE")) == [2])
            #expect(try await search(TextSearchTerm(.subject, "quart")) == [1, 3])
            #expect(try await search(TextSearchTerm(.body, "look great")) == [1])
            #expect(try await search(TextSearchTerm(.body, "great look")).isEmpty)
            #expect(try await search(TextSearchTerm(.text, "absent")).isEmpty)
            // Operator characters are plain text, not FTS syntax.
            #expect(try await search(TextSearchTerm(.text, "report\" OR \"lunch")).isEmpty)
            #expect(try await search(TextSearchTerm(.text, "NEAR(report lunch)")).isEmpty)
            // A term without words matches everything.
            #expect(try await search(TextSearchTerm(.subject, "  ...  ")) == [1, 2, 3])
        }
    }

    @Test func searchTextIsBounded() async throws {
        try await withStore { fixture in
            let account = try await fixture.account("uma")
            let inbox = try await fixture.inbox(of: account)
            let long = String(repeating: "a", count: 2_000)
            await #expect(throws: MailStoreError.self) {
                try await fixture.store.search(TextSearchQuery([TextSearchTerm(.body, long)]), in: inbox)
            }
            let many = (0 ..< 40).map { TextSearchTerm(.body, "w\($0)") }
            await #expect(throws: MailStoreError.self) { try await fixture.store.search(TextSearchQuery(many), in: inbox) }
        }
    }

    @Test func expungedContentLeavesTheIndex() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("vera")
            let inbox = try await fixture.inbox(of: account)
            _ = try await store.append(.bytes(testMessage(subject: "ephemeral words")), to: inbox, flags: .none)
            #expect(try await store.search(TextSearchQuery([TextSearchTerm(.subject, "ephemeral")]), in: inbox) == [UID(1)])
            _ = try await store.expunge(.all, in: inbox, onlyDeleted: false)
            _ = try await store.append(.bytes(testMessage(subject: "ephemeral words")), to: inbox, flags: .none)
            #expect(try await store.search(TextSearchQuery([TextSearchTerm(.subject, "ephemeral")]), in: inbox) == [UID(2)])
            #expect(try await store.checkInvariants(verifyContent: true).isEmpty)
        }
    }
}
