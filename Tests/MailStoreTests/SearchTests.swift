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

@Suite("With MailCore's parser")
struct ParsedMessageTests {
    /// A MIME message whose searchable words are only visible after decoding.
    static let mimeMessage = Array("""
        From: =?UTF-8?Q?Ren=C3=A9e_Dupr=C3=A9?= <renee@example.net>\r
        To: bob@example.test\r
        Subject: =?UTF-8?B?UmVuZGV6LXZvdXMgw6AgbWlkaQ==?=\r
        MIME-Version: 1.0\r
        Content-Type: multipart/alternative; boundary="b1"\r
        \r
        --b1\r
        Content-Type: text/plain; charset=utf-8\r
        Content-Transfer-Encoding: quoted-printable\r
        \r
        Le caf=C3=A9 est pr=C3=AAt, apportez les croissants.\r
        --b1\r
        Content-Type: text/html; charset=utf-8\r
        \r
        <p>Le caf&eacute; est pr&ecirc;t</p>\r
        --b1--\r
        """.utf8)

    @Test func decodedTextIsSearchableAndTheStructureIsCached() async throws {
        try await withStore(analyzer: .parser()) { fixture in
            let store = fixture.store
            let account = try await fixture.account("bob")
            let inbox = try await fixture.inbox(of: account)
            let saved = try await store.append(.bytes(Self.mimeMessage), to: inbox, flags: .none)
            func search(_ field: TextSearchField, _ text: String) async throws -> [UID] {
                try await store.search(TextSearchQuery([TextSearchTerm(field, text)]), in: inbox)
            }
            #expect(try await search(.subject, "rendez-vous") == [saved.uid])
            #expect(try await search(.from, "renee") == [saved.uid])
            #expect(try await search(.body, "croissants") == [saved.uid])
            #expect(try await search(.body, "cafe est pret") == [saved.uid])
            #expect(try await search(.body, "boundary").isEmpty)
            // The cached structure is what the parser produced, so IMAP never parses again.
            let content = try await store.content(of: saved.uid, in: inbox)
            #expect(content.structure == MessageParser().parse(Self.mimeMessage).structure)
            #expect(content.structure.size == Self.mimeMessage.count)
        }
    }
}
