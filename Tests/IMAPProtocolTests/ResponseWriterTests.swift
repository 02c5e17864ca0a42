import Testing
import MailCore
@testable import IMAPProtocol

@Suite("Status responses, codes and untagged data (RFC 9051 §7)")
struct ResponseWriterTests {
    private func status(_ response: StatusResponse, _ options: ResponseWriterOptions = ResponseWriterOptions()) -> String {
        written(options) { $0.write(response) }
    }

    private func data(_ data: ResponseData, _ options: ResponseWriterOptions = ResponseWriterOptions()) -> String {
        written(options) { $0.write(data) }
    }

    @Test func statusResponsesFromTheRFC() {
        #expect(status(StatusResponse(tag: nil, status: .ok, code: .unseen(12), text: "Message 12 is first unseen"))
            == "* OK [UNSEEN 12] Message 12 is first unseen\r\n")
        #expect(status(StatusResponse(tag: nil, status: .ok, code: .permanentFlags([.deleted, .seen], allowsNewKeywords: true),
                                      text: "Limited")) == "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n")
        #expect(status(StatusResponse(tag: "A142", status: .ok, code: .readWrite, text: "SELECT completed"))
            == "A142 OK [READ-WRITE] SELECT completed\r\n")
        #expect(status(StatusResponse(tag: "A003", status: .ok, code: .appendUID(uidValidity: 38505, uids: set(3955...3955)),
                                      text: "APPEND completed")) == "A003 OK [APPENDUID 38505 3955] APPEND completed\r\n")
        #expect(status(StatusResponse(tag: "A004", status: .ok, code: .copyUID(uidValidity: 38505, source: set(304...304, 319...320),
                                                                                destination: set(3956...3958)), text: "Done"))
            == "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n")
        #expect(status(StatusResponse(tag: nil, status: .no, code: .alert, text: "System shutdown in 10 minutes"))
            == "* NO [ALERT] System shutdown in 10 minutes\r\n")
        #expect(status(StatusResponse(tag: nil, status: .bye, text: "Autologout; idle for too long"))
            == "* BYE Autologout; idle for too long\r\n")
        #expect(status(StatusResponse(tag: nil, status: .ok, code: .capability(["IMAP4rev2", "STARTTLS", "AUTH=GSSAPI", "LOGINDISABLED"]),
                                      text: "IMAP4rev2 server ready"))
            == "* OK [CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED] IMAP4rev2 server ready\r\n")
        #expect(status(StatusResponse(tag: "a", status: .no, code: .badCharset(["UTF-8", "US-ASCII"]), text: "Unsupported"))
            == "a NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported\r\n")
        #expect(status(StatusResponse(tag: "d105", status: .ok, code: .modified(set(7...7, 9...9)), text: "Conditional STORE failed"))
            == "d105 OK [MODIFIED 7,9] Conditional STORE failed\r\n")
        #expect(status(StatusResponse(tag: nil, status: .ok, code: .highestModSeq(715_194_045_007), text: "Highest"))
            == "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n")
    }

    @Test func everyCodeHasItsWireName() {
        let codes: [(ResponseCode, String)] = [
            (.alreadyExists, "ALREADYEXISTS"), (.authenticationFailed, "AUTHENTICATIONFAILED"),
            (.authorizationFailed, "AUTHORIZATIONFAILED"), (.cannot, "CANNOT"), (.clientBug, "CLIENTBUG"), (.closed, "CLOSED"),
            (.compressionActive, "COMPRESSIONACTIVE"), (.contactAdmin, "CONTACTADMIN"), (.corruption, "CORRUPTION"),
            (.expired, "EXPIRED"), (.expungeIssued, "EXPUNGEISSUED"), (.hasChildren, "HASCHILDREN"), (.inUse, "INUSE"),
            (.limit, "LIMIT"), (.mailboxID("F2212ea87-6097-4256-9d51-71338625"), "MAILBOXID (F2212ea87-6097-4256-9d51-71338625)"),
            (.noModSeq, "NOMODSEQ"), (.noPerm, "NOPERM"), (.nonexistent, "NONEXISTENT"), (.notSaved, "NOTSAVED"),
            (.overQuota, "OVERQUOTA"), (.parse, "PARSE"), (.privacyRequired, "PRIVACYREQUIRED"), (.readOnly, "READ-ONLY"),
            (.serverBug, "SERVERBUG"), (.tooBig, "TOOBIG"), (.tryCreate, "TRYCREATE"), (.uidNext(4392), "UIDNEXT 4392"),
            (.uidNotSticky, "UIDNOTSTICKY"), (.uidValidity(3_857_529_045), "UIDVALIDITY 3857529045"),
            (.unavailable, "UNAVAILABLE"), (.unknownCTE, "UNKNOWN-CTE"), (.useAttribute, "USEATTR"),
            (.other("X-THING", "some] text"), "X-THING some  text"),
        ]
        for (code, text) in codes {
            #expect(status(StatusResponse(tag: "t", status: .no, code: code, text: "x")) == "t NO [\(text)] x\r\n")
        }
    }

    @Test func responseTextIsSanitized() {
        #expect(status(StatusResponse(tag: "t", status: .ok, text: "line\r\nbreak")) == "t OK line  break\r\n")
        #expect(status(StatusResponse(tag: "t", status: .ok, text: "")) == "t OK done\r\n")
        #expect(status(StatusResponse(tag: "t", status: .ok, text: "naïve")) == "t OK na?ve\r\n")
        #expect(status(StatusResponse(tag: "t", status: .ok, text: "naïve"), ResponseWriterOptions(utf8Enabled: true)) == "t OK naïve\r\n")
    }

    @Test func continuationRequests() {
        #expect(written { $0.writeContinuationRequest(text: "Ready for literal data") } == "+ Ready for literal data\r\n")
        #expect(written { $0.writeContinuationRequest(challenge: Array("<1896.697170952@postoffice.example.net>".utf8)) }
            == "+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UuZXhhbXBsZS5uZXQ+\r\n")
        #expect(written { $0.writeContinuationRequest(challenge: []) } == "+ \r\n")
    }

    @Test func mailboxData() {
        #expect(data(.capability(["IMAP4rev2", "IMAP4rev1", "LITERAL+"])) == "* CAPABILITY IMAP4rev2 IMAP4rev1 LITERAL+\r\n")
        #expect(data(.enabled(["CONDSTORE"])) == "* ENABLED CONDSTORE\r\n")
        #expect(data(.list(ListResponse(attributes: [.noSelect], mailbox: ""))) == "* LIST (\\Noselect) \"/\" \"\"\r\n")
        #expect(data(.list(ListResponse(attributes: [], delimiter: ".", mailbox: "#news.comp.mail.misc")))
            == "* LIST () \".\" \"#news.comp.mail.misc\"\r\n")
        #expect(data(.list(ListResponse(attributes: [], mailbox: "Foo", childInfo: ["SUBSCRIBED"])))
            == "* LIST () \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n")
        #expect(data(.list(ListResponse(attributes: [.subscribed, .nonExistent], mailbox: "Fruit/Peach")))
            == "* LIST (\\Subscribed \\NonExistent) \"/\" \"Fruit/Peach\"\r\n")
        #expect(data(.list(ListResponse(attributes: [.hasNoChildren, .specialUse(.drafts)], delimiter: nil, mailbox: "Entwürfe")))
            == "* LIST (\\HasNoChildren \\Drafts) NIL \"Entw&APw-rfe\"\r\n")
        #expect(data(.list(ListResponse(attributes: [.hasNoChildren], mailbox: "Entwürfe", oldName: "Alt")),
                     ResponseWriterOptions(utf8Enabled: true))
            == "* LIST (\\HasNoChildren) \"/\" \"Entwürfe\" (\"OLDNAME\" (\"Alt\"))\r\n")
        #expect(data(.lsub(ListResponse(attributes: [], delimiter: ".", mailbox: "#news.comp.mail.mime")))
            == "* LSUB () \".\" \"#news.comp.mail.mime\"\r\n")
        #expect(data(.status(mailbox: "blurdybloop", items: [.messages(231), .uidNext(44292)]))
            == "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n")
        #expect(data(.status(mailbox: "Sent Items", items: [.size(10_000_000_000), .appendLimit(nil), .highestModSeq(7),
                                                            .mailboxID("F22"), .deleted(1), .unseen(2), .uidValidity(3), .recent(0)]))
            == "* STATUS \"Sent Items\" (SIZE 10000000000 APPENDLIMIT NIL HIGHESTMODSEQ 7 MAILBOXID (F22) DELETED 1 UNSEEN 2 UIDVALIDITY 3 RECENT 0)\r\n")
        #expect(data(.flags([.answered, .flagged, .deleted, .seen, .draft]))
            == "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n")
    }

    @Test func messageData() {
        #expect(data(.exists(172)) == "* 172 EXISTS\r\n")
        #expect(data(.recent(1)) == "* 1 RECENT\r\n")
        #expect(data(.expunge(44)) == "* 44 EXPUNGE\r\n")
        #expect(data(.vanished(earlier: true, uids: set(41...41, 43...116, 118...118, 120...211, 214...540)))
            == "* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n")
        #expect(data(.vanished(earlier: false, uids: set(405...405, 407...410))) == "* VANISHED 405,407:410\r\n")
        #expect(data(.search([2, 84, 882], highestModSeq: nil)) == "* SEARCH 2 84 882\r\n")
        #expect(data(.search([], highestModSeq: nil)) == "* SEARCH\r\n")
        #expect(data(.search([2, 5, 6], highestModSeq: 917_162_500)) == "* SEARCH 2 5 6 (MODSEQ 917162500)\r\n")
        #expect(data(.sort([2, 84, 882], highestModSeq: nil)) == "* SORT 2 84 882\r\n")
        #expect(data(.extendedSearch(ExtendedSearchResponse(tag: "A282", min: 2, count: 3)))
            == "* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n")
        #expect(data(.extendedSearch(ExtendedSearchResponse(tag: "A283", all: set(2...2, 10...11))))
            == "* ESEARCH (TAG \"A283\") ALL 2,10:11\r\n")
        #expect(data(.extendedSearch(ExtendedSearchResponse(tag: "A285", usesUIDs: true, min: 7, max: 3800)))
            == "* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800\r\n")
        #expect(data(.extendedSearch(ExtendedSearchResponse(tag: "t", usesUIDs: true, all: set(1...3, 5...5), highestModSeq: 1236)))
            == "* ESEARCH (TAG \"t\") UID ALL 1:3,5 MODSEQ 1236\r\n")
        #expect(data(.extendedSearch(ExtendedSearchResponse(tag: nil))) == "* ESEARCH\r\n")
    }

    @Test func threads() {
        // RFC 5256 §4 example: (2)(3 6 (4 23)(44 7 96))
        let threads = [
            ThreadNode(2),
            ThreadNode(3, children: [ThreadNode(6, children: [ThreadNode(4, children: [ThreadNode(23)]),
                                                              ThreadNode(44, children: [ThreadNode(7, children: [ThreadNode(96)])])])]),
        ]
        #expect(data(.thread(threads)) == "* THREAD (2)(3 6 (4 23)(44 7 96))\r\n")
        #expect(data(.thread([ThreadNode(nil, children: [ThreadNode(3), ThreadNode(5)])])) == "* THREAD ((3)(5))\r\n")
        #expect(data(.thread([ThreadNode(3, children: [ThreadNode(nil, children: [ThreadNode(4), ThreadNode(5)])])]))
            == "* THREAD (3 (4)(5))\r\n")
        #expect(data(.thread([])) == "* THREAD\r\n")
        // A very deep thread is written without recursion.
        var deep = ThreadNode(1)
        for number in 2...20_000 { deep = ThreadNode(UInt32(number), children: [ThreadNode(0), deep]) }
        #expect(data(.thread([deep])).hasPrefix("* THREAD (20000 (0)(19999 (0)("))
    }

    @Test func namespaceQuotaACLAndID() {
        #expect(data(.namespace(NamespaceResponse(personal: [NamespaceDescription(prefix: "")]))) == "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n")
        #expect(data(.namespace(NamespaceResponse(personal: [NamespaceDescription(prefix: "")],
                                                  otherUsers: [NamespaceDescription(prefix: "~")],
                                                  shared: [NamespaceDescription(prefix: "#shared/"),
                                                           NamespaceDescription(prefix: "#news.", delimiter: ".")])))
            == "* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#news.\" \".\"))\r\n")
        #expect(data(.quota(root: "", resources: [QuotaUsage(resource: "STORAGE", usage: 10, limit: 512)]))
            == "* QUOTA \"\" (STORAGE 10 512)\r\n")
        #expect(data(.quotaRoot(mailbox: "INBOX", roots: [""])) == "* QUOTAROOT INBOX \"\"\r\n")
        #expect(data(.quotaRoot(mailbox: "comp.mail.mime", roots: [])) == "* QUOTAROOT comp.mail.mime\r\n")
        #expect(data(.acl(mailbox: "INBOX", entries: [ACLEntry(identifier: "Fred", rights: "rwipslxetad")]))
            == "* ACL INBOX Fred rwipslxetad\r\n")
        #expect(data(.listRights(mailbox: "~/Mail/saved", identifier: "smith", required: "la", optional: ["r", "swicdkxte"]))
            == "* LISTRIGHTS ~/Mail/saved smith la r swicdkxte\r\n")
        #expect(data(.listRights(mailbox: "x", identifier: "anyone", required: "", optional: ["l"]))
            == "* LISTRIGHTS x anyone \"\" l\r\n")
        #expect(data(.myRights(mailbox: "INBOX", rights: "rwiptsldaex")) == "* MYRIGHTS INBOX rwiptsldaex\r\n")
        #expect(data(.id([IDParameter(field: "name", value: "Cyrus"), IDParameter(field: "version", value: "1.5"),
                          IDParameter(field: "support-url", value: "mailto:cyrus-bugs+@andrew.cmu.edu"),
                          IDParameter(field: "date", value: nil)]))
            == "* ID (\"name\" \"Cyrus\" \"version\" \"1.5\" \"support-url\" \"mailto:cyrus-bugs+@andrew.cmu.edu\" \"date\" NIL)\r\n")
        #expect(data(.id(nil)) == "* ID NIL\r\n")
    }

    @Test func numbers() {
        #expect(written { $0.writeNumber(0) } == "0")
        #expect(written { $0.writeNumber(9) } == "9")
        #expect(written { $0.writeNumber(10) } == "10")
        #expect(written { $0.writeNumber(UInt32.max) } == "4294967295")
        #expect(written { $0.writeNumber(UInt64.max) } == "18446744073709551615")
        #expect(written { $0.writeNumber(-5) } == "0")
    }

    @Test func stringsPickQuotedOrLiteral() {
        func string(_ text: [UInt8], utf8: Bool = false) -> String {
            written(ResponseWriterOptions(utf8Enabled: utf8)) { $0.writeString(text) }
        }
        #expect(string(Array("a \"b\" \\c".utf8)) == "\"a \\\"b\\\" \\\\c\"")
        #expect(string(Array("two\r\nlines".utf8)) == "{10}\r\ntwo\r\nlines")
        #expect(string(Array("café".utf8)) == "{5}\r\ncafé")
        #expect(string(Array("café".utf8), utf8: true) == "\"café\"")
        #expect(written(ResponseWriterOptions(utf8Enabled: true)) { $0.writeString([0x61, 0xFF]) }.hasPrefix("{2}\r\na"))
        #expect(string([0x61, 0x00, 0x62]) == "{3}\r\na b")
        #expect(string(Array(repeating: 0x61, count: 1025)).hasPrefix("{1025}\r\n"))
        #expect(written { $0.writeAString("NIL") } == "\"NIL\"")
        #expect(written { $0.writeAString("INBOX") } == "INBOX")
        #expect(written { $0.writeAString("a%b") } == "\"a%b\"")
    }
}
