import Testing
@testable import MailCore

@Suite("Address lists (RFC 5322 §3.4, §4.4)")
struct AddressListParserTests {
    private func mailboxes(_ value: String) -> [MessageAddress] {
        AddressListParser.parse(value).flatMap(\.mailboxes)
    }

    private func single(_ value: String) throws -> MessageAddress {
        let all = mailboxes(value)
        try #require(all.count == 1, "expected one mailbox in \(value), got \(all)")
        return all[0]
    }

    @Test func plainAddressAndNameAddress() throws {
        let plain = try single("alice@example.org")
        #expect(plain == MessageAddress(localPart: "alice", domain: "example.org"))
        #expect(plain.emailAddress == (try EmailAddress(parsing: "alice@example.org")))

        let named = try single("Alice Liddell <alice@example.org>")
        #expect(named.rawDisplayName == "Alice Liddell")
        #expect(named.addressText == "alice@example.org")
    }

    @Test func displayNameForms() throws {
        #expect(try single("\"Smith, John\" <js@example.org>").rawDisplayName == "Smith, John")
        #expect(try single("John Q. Public <jqp@example.org>").rawDisplayName == "John Q. Public")
        #expect(try single("\"Say \\\"hi\\\"\" <hi@example.org>").rawDisplayName == "Say \"hi\"")
        let encoded = try single("=?utf-8?q?J=C3=BCrgen?= <j@example.de>")
        #expect(encoded.rawDisplayName == "=?utf-8?q?J=C3=BCrgen?=")
        #expect(encoded.displayName == "Jürgen")
        // Encoded words inside quotes are not standard but common: decoded too.
        #expect(try single("\"=?utf-8?b?w4lsw6hvbm9yZQ==?=\" <e@example.fr>").displayName == "Élèonore")
        // Folded display name.
        #expect(try single("Very\r\n Long Name <v@example.org>").rawDisplayName == "Very Long Name")
    }

    @Test func quotedLocalPartsAndCFWSAroundDots() throws {
        let quoted = try single("\"john smith\"@example.org")
        #expect(quoted.localPart == "john smith")
        #expect(quoted.addressText == "\"john smith\"@example.org")
        let spaced = try single("john . smith @ example . org")
        #expect(spaced.localPart == "john.smith")
        #expect(spaced.domain == "example.org")
        #expect(try single("user@[192.0.2.1]").domain == "[192.0.2.1]")
    }

    @Test func commentsNestedAndAsName() throws {
        let oldForm = try single("user@example.org (Real Name)")
        #expect(oldForm.rawDisplayName == "Real Name")
        let nested = try single("(outer (inner) comment) user@example.org")
        #expect(nested.localPart == "user")
        #expect(nested.rawDisplayName == nil)
        let angleComment = try single("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>")
        #expect(angleComment.rawDisplayName == "Pete")
        #expect(angleComment.localPart == "pete")
        #expect(angleComment.domain == "silly.test")
    }

    @Test func groups() throws {
        let entries = AddressListParser.parse("undisclosed-recipients:;")
        #expect(entries == [.group(AddressGroup(rawDisplayName: "undisclosed-recipients", members: []))])

        let mixed = AddressListParser.parse("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, Mary <mary@x.test>")
        #expect(mixed.count == 2)
        guard case .group(let group) = mixed[0] else { Issue.record("expected a group"); return }
        #expect(group.rawDisplayName == "A Group")
        #expect(group.members.map(\.addressText) == ["c@a.test", "joe@where.test", "jdoe@one.test"])
        #expect(mixed[1].mailboxes.map(\.rawDisplayName) == ["Mary"])

        let envelope = EnvelopeBuilder.addresses(mixed)
        #expect(envelope.first == EnvelopeAddress(name: nil, route: nil, mailbox: "A Group", host: nil))
        #expect(envelope[4] == EnvelopeAddress())
        #expect(envelope[4].isGroupEnd && envelope[0].isGroupStart)
        #expect(envelope.count == 6)
    }

    @Test func obsoleteRoute() throws {
        let routed = try single("Joe <@relay1.test,@relay2.test:joe@example.org>")
        #expect(routed.route == ["relay1.test", "relay2.test"])
        #expect(routed.routeText == "@relay1.test,@relay2.test")
        #expect(routed.localPart == "joe")
        #expect(EnvelopeBuilder.addresses([.mailbox(routed)]) ==
                [EnvelopeAddress(name: "Joe", route: "@relay1.test,@relay2.test", mailbox: "joe", host: "example.org")])
    }

    @Test func missingDomainAndEmptyEntries() throws {
        let noDomain = try single("root")
        #expect(noDomain.localPart == "root")
        #expect(noDomain.domain == nil)
        #expect(noDomain.emailAddress == nil)
        #expect(EnvelopeBuilder.addresses([.mailbox(noDomain)]) ==
                [EnvelopeAddress(mailbox: "root", host: EnvelopeAddress.missingDomain)])
        #expect(mailboxes(",, a@example.org ,,b@example.org,").map(\.addressText) == ["a@example.org", "b@example.org"])
    }

    @Test func unbalancedQuotesAndAngles() throws {
        let unclosedQuote = try single("\"John Smith <john@example.org>")
        #expect(unclosedQuote.addressText == "john@example.org")
        #expect(unclosedQuote.rawDisplayName == "John Smith")

        let unclosedAngle = mailboxes("John <john@example.org, Jane <jane@example.org>")
        #expect(unclosedAngle.map(\.addressText) == ["john@example.org", "jane@example.org"])

        let stray = mailboxes("a@example.org>, b@example.org")
        #expect(stray.map(\.addressText) == ["a@example.org", "b@example.org"])

        var defects = DefectLog(limit: 10)
        _ = AddressListParser.parse(Array("\"unclosed <x@y.z>".utf8)[...], fieldName: "To", maximumAddresses: 10, defects: &defects)
        #expect(defects.defects == [.malformedAddress(field: "To")])
    }

    @Test func nameWithoutAngleBracketsIsSplitOff() throws {
        let sloppy = try single("John Smith john@example.org")
        #expect(sloppy.rawDisplayName == "John Smith")
        #expect(sloppy.addressText == "john@example.org")
    }

    @Test func nullReturnPathAndUTF8Addresses() throws {
        let null = try single("<>")
        #expect(null.localPart.isEmpty && null.domain == nil)
        let international = try single("Δοκιμή <δοκιμή@παράδειγμα.δοκιμή>")
        #expect(international.rawDisplayName == "Δοκιμή")
        #expect(international.emailAddress?.domain == "παράδειγμα.δοκιμή")
    }

    @Test func addressCountIsBounded() {
        let many = (0..<500).map { "u\($0)@example.org" }.joined(separator: ", ")
        var defects = DefectLog(limit: 10)
        let entries = AddressListParser.parse(Array(many.utf8)[...], fieldName: "To", maximumAddresses: 100, defects: &defects)
        #expect(entries.count == 100)
    }

    @Test func messageIdentifierLists() {
        #expect(MessageIDListParser.parse("<a@b> <c@d>\r\n <e@f>") == ["a@b", "c@d", "e@f"])
        #expect(MessageIDListParser.parse("Your message of Monday <x@y> (comment <not@this>)") == ["x@y"])
        #expect(MessageIDListParser.parse("bare@id.example") == ["bare@id.example"])
        #expect(MessageIDListParser.parse("< spaced @ id >") == ["spaced@id"])
        #expect(MessageIDListParser.parse("").isEmpty)
    }
}
