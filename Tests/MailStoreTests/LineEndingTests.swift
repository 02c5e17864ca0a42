import Foundation
import MailCore
import Testing
@testable import MailStore

@Suite("Line endings of stored messages")
struct LineEndingTests {
    static let bareLineFeeds = Array("From: unix@example.net\nTo: erin@example.test\nSubject: From a file\n\nline one\r\nline two\n".utf8)
    static let carriageReturnLineFeeds = Array(
        "From: unix@example.net\r\nTo: erin@example.test\r\nSubject: From a file\r\n\r\nline one\r\nline two\r\n".utf8)

    @Test func bareLineFeedsAreStoredAsCRLF() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("erin")
            let inbox = try await fixture.inbox(of: account)
            let appended = try await store.append(.bytes(Self.bareLineFeeds), to: inbox, flags: .none)
            let content = try await store.content(of: appended.uid, in: inbox)
            #expect(content.bytes == Self.carriageReturnLineFeeds)
            #expect(content.summary.size == Self.carriageReturnLineFeeds.count)
            #expect(content.structure.size == Self.carriageReturnLineFeeds.count)
            #expect(content.structure == MessageParser().parse(Self.carriageReturnLineFeeds).structure)

            let delivered = try await store.deliver(.bytes(Self.bareLineFeeds), to: [DeliveryTarget(account: account.id)])
            #expect(delivered.size == Self.carriageReturnLineFeeds.count)
            #expect(delivered.sha256 == BlobDigest.of(Self.carriageReturnLineFeeds).hex)
        }
    }

    @Test func crlfMessagesAndSpoolFilesAreStoredAsGiven() async throws {
        try await withStore { fixture in
            let store = fixture.store
            let account = try await fixture.account("finn")
            let inbox = try await fixture.inbox(of: account)
            let appended = try await store.append(.bytes(Self.carriageReturnLineFeeds), to: inbox, flags: .none)
            #expect(try await store.content(of: appended.uid, in: inbox).bytes == Self.carriageReturnLineFeeds)

            // A spool file is trusted to be CRLF (SMTP writes it so) and stored as it is.
            let spool = try await store.makeSpoolFile()
            try Data(Self.bareLineFeeds).write(to: URL(fileURLWithPath: spool.path))
            let spooled = try await store.deliver(.spooled(spool), to: [DeliveryTarget(account: account.id)])
            #expect(try await store.content(of: spooled.saved[0].uid, in: inbox).bytes == Self.bareLineFeeds)
        }
    }

    @Test func theSizeLimitAppliesToTheStoredForm() async throws {
        var limits = MailStoreLimits()
        limits.maximumMessageSize = Self.bareLineFeeds.count + 2
        try await withStore(limits: limits) { fixture in
            let account = try await fixture.account("gail")
            let inbox = try await fixture.inbox(of: account)
            await #expect(throws: MailStoreError.messageTooLarge(size: Self.carriageReturnLineFeeds.count, limit: limits.maximumMessageSize)) {
                try await fixture.store.append(.bytes(Self.bareLineFeeds), to: inbox, flags: .none)
            }
        }
    }
}
