import Testing
@testable import MailCore

@Suite("MailboxName")
struct MailboxNameTests {
    @Test func canonicalizesInbox() throws {
        #expect(try MailboxName("inbox").rawValue == "INBOX")
        #expect(try MailboxName("Inbox/Sub").rawValue == "INBOX/Sub")
        #expect(try MailboxName("InboxOther").rawValue == "InboxOther")
        #expect(try MailboxName("INBOX").isInbox)
    }

    @Test(arguments: [
        ("", MailboxNameError.empty),
        ("/", .empty),
        ("a//b", .emptyLevel),
        ("/a", .emptyLevel),
        ("a/../b", .relativeLevel),
        ("..", .relativeLevel),
        ("a/./b", .relativeLevel),
        ("a\u{0}b", .controlCharacter),
        ("a\nb", .controlCharacter),
    ])
    func rejectsBadNames(name: String, expected: MailboxNameError) {
        #expect(throws: expected) { try MailboxName(name) }
    }

    @Test func boundsLengthAndDepth() {
        #expect(throws: MailboxNameError.tooLong) { try MailboxName(String(repeating: "x", count: 1001)) }
        #expect(throws: MailboxNameError.tooDeep) { try MailboxName(Array(repeating: "x", count: 33).joined(separator: "/")) }
        #expect(throws: Never.self) { try MailboxName(Array(repeating: "x", count: 32).joined(separator: "/")) }
    }

    @Test func hierarchy() throws {
        let name = try MailboxName("Archive/2024/Q1")
        #expect(name.parent == (try MailboxName("Archive/2024")))
        #expect(name.levels == ["Archive", "2024", "Q1"])
        #expect(name.isDescendant(of: try MailboxName("Archive")))
        #expect(!(try MailboxName("Archives")).isDescendant(of: try MailboxName("Archive")))
        #expect(name.replacingAncestor(try MailboxName("Archive"), with: try MailboxName("Old")) == (try MailboxName("Old/2024/Q1")))
        #expect(try MailboxName("Top").parent == nil)
        #expect(try MailboxName("Trailing/").rawValue == "Trailing")
    }

    @Test func keepsUTF8() throws {
        #expect(try MailboxName("Entwürfe/日本語").rawValue == "Entwürfe/日本語")
    }
}
