import Foundation
import MailCore
import MailStore
import Testing
@testable import IMAPProtocol

@Suite("Mailbox patterns and LIST computation")
struct MailboxPatternMatcherTests {
    @Test("* matches across levels, % within one level", arguments: [
        ("*", "Archive/2024/Q1", true),
        ("%", "Archive", true),
        ("%", "Archive/2024", false),
        ("Archive/%", "Archive/2024", true),
        ("Archive/%", "Archive/2024/Q1", false),
        ("Archive/*", "Archive/2024/Q1", true),
        ("Archive/*", "Archive", false),
        ("*4", "Archive/2024", true),
        ("A%4", "Archive/2024", false),
        ("*a%b", "a/ab", true),
        ("inbox", "INBOX", true),
        ("Inbox/%", "INBOX/Sub", true),
        ("inboxes", "INBOX", false),
        ("Été/*", "Été/Août", true),
        ("", "INBOX", false),
        ("Sent", "Sent", true),
        ("Sent", "Sent Items", false),
    ])
    func matching(pattern: String, name: String, expected: Bool) {
        #expect(MailboxPatternMatcher(pattern).matches(name) == expected)
    }

    @Test("hostile patterns stay linear: many wildcards against long names")
    func hostilePatterns() {
        let pattern = String(repeating: "*a%", count: 2000) + "b"
        let matcher = MailboxPatternMatcher(pattern)
        let name = String(repeating: "a", count: MailboxName.maximumLength)
        #expect(!matcher.matches(name))
        #expect(MailboxPatternMatcher(String(repeating: "*", count: 60_000)).matches(name))
        #expect(!MailboxPatternMatcher(String(repeating: "a", count: 1_001) + "*").matches(name))
    }

    private func info(_ name: String, id: Int64, subscribed: Bool = true, use: SpecialUse? = nil) throws -> MailboxInfo {
        MailboxInfo(id: MailboxID(account: AccountID(rawValue: 1), rawValue: id), name: try MailboxName(name), specialUse: use,
                    isSubscribed: subscribed, uidValidity: UIDValidity(rawValue: 1))
    }

    @Test("LIST marks children and special uses; SUBSCRIBED RECURSIVEMATCH lists parents of subscribed mailboxes with CHILDINFO")
    func listing() throws {
        let mailboxes = [
            try info("A", id: 1, subscribed: false), try info("A/B", id: 2), try info("INBOX", id: 3),
            try info("Trash", id: 4, use: .trash),
        ]
        let all = MailboxListing.list(mailboxes, query: MailboxListQuery(patterns: [MailboxPatternMatcher("%")]))
        #expect(all.map(\.name.rawValue) == ["A", "INBOX", "Trash"])
        #expect(all[0].attributes == [.hasChildren])
        #expect(all[2].attributes == [.hasNoChildren, .specialUse(.trash)])
        let recursive = MailboxListing.list(mailboxes, query: MailboxListQuery(
            patterns: [MailboxPatternMatcher("%")], subscribedOnly: true, recursiveMatch: true))
        #expect(recursive.map(\.name.rawValue) == ["A", "INBOX", "Trash"])
        #expect(recursive[0].childInfo == ["SUBSCRIBED"])
        #expect(!recursive[0].attributes.contains(.subscribed))
        #expect(recursive[1].attributes.contains(.subscribed))
        let subscribedOnly = MailboxListing.list(mailboxes, query: MailboxListQuery(
            patterns: [MailboxPatternMatcher("%")], subscribedOnly: true))
        #expect(subscribedOnly.map(\.name.rawValue) == ["INBOX", "Trash"])
    }
}
