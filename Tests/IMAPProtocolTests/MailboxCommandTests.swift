import Testing
import MailCore
@testable import IMAPProtocol

@Suite("Mailbox commands (RFC 9051 §6.3, LIST-EXTENDED, LIST-STATUS, SPECIAL-USE, CONDSTORE/QRESYNC)")
struct MailboxCommandTests {
    private let inbox = EncodedMailboxName("INBOX")

    @Test func selectAndExamine() {
        #expect(command("A142 SELECT INBOX") == .select(inbox, .none))
        #expect(command("A932 EXAMINE blurdybloop") == .examine(EncodedMailboxName("blurdybloop"), .none))
        #expect(command("a SELECT \"Sent Items\"") == .select(EncodedMailboxName("Sent Items"), .none))
        #expect(command("a SELECT INBOX (CONDSTORE)") == .select(inbox, SelectParameters(condStore: true)))
    }

    @Test func selectWithQResync() {
        // RFC 7162 §3.2.5.1 examples.
        let first = command("A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))")
        let known = SequenceSet.ranges([SequenceRange(.number(41)), SequenceRange(.number(43), .number(211)),
                                        SequenceRange(.number(214), .number(541))])
        #expect(first == .select(inbox, SelectParameters(qresync: QResyncParameters(uidValidity: 67_890_007,
                                                                                     modSeq: 20_050_715_194_045_000,
                                                                                     knownUIDs: known))))
        let second = command("B01 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 "
            + "15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))")
        guard case .select(_, let parameters)? = second, let qresync = parameters.qresync else {
            Issue.record("QRESYNC with sequence match data did not parse")
            return
        }
        #expect(qresync.knownUIDs == set(1...29997))
        #expect(qresync.sequenceMatch?.sequenceNumbers.resolved(last: 0)?.first == 5000...5000)
        #expect(qresync.sequenceMatch?.uids.resolved(last: 0)?.count == 13)
        #expect(command("a SELECT INBOX (CONDSTORE QRESYNC (1 2))") == .select(inbox, SelectParameters(
            condStore: true, qresync: QResyncParameters(uidValidity: 1, modSeq: 2))))
    }

    @Test func selectParameterErrors() {
        #expect(rejection("a SELECT INBOX (FROB)")?.status == .bad)
        #expect(rejection("a SELECT INBOX ()")?.status == .bad)
        #expect(rejection("a SELECT INBOX (QRESYNC (0 5))") != nil)         // UIDVALIDITY is nz-number
        #expect(rejection("a SELECT INBOX (QRESYNC (1 0))") != nil)         // mod-sequence-value > 0
        #expect(rejection("a SELECT INBOX (QRESYNC (1 5 1:*))") != nil)     // known-uids without '*'
    }

    @Test func createWithSpecialUse() {
        #expect(command("A003 CREATE owatagusiam/") == .create(EncodedMailboxName("owatagusiam/"), useAttributes: []))
        let important = command("t1 CREATE \"Important Messages\" (USE (\\Important))")
        #expect(important == .create(EncodedMailboxName("Important Messages"), useAttributes: [UseAttribute(name: "Important")]))
        #expect(UseAttribute(name: "Important").specialUse == nil)
        guard case .create(_, let attributes)? = command("t2 CREATE MySpecialArchive (USE (\\archive \\Junk))") else {
            Issue.record("CREATE with USE did not parse")
            return
        }
        #expect(attributes.map(\.specialUse) == [.archive, .junk])
        #expect(rejection("t CREATE x (OTHER (1))")?.status == .bad)
    }

    @Test func deleteRenameSubscribe() {
        #expect(command("A682 DELETE blurdybloop") == .delete(EncodedMailboxName("blurdybloop")))
        #expect(command("A683 RENAME blurdybloop sarasota") == .rename(from: EncodedMailboxName("blurdybloop"),
                                                                        to: EncodedMailboxName("sarasota")))
        #expect(command("A002 SUBSCRIBE #news.comp.mail.mime") == .subscribe(EncodedMailboxName("#news.comp.mail.mime")))
        #expect(command("A002 UNSUBSCRIBE #news.comp.mail.mime") == .unsubscribe(EncodedMailboxName("#news.comp.mail.mime")))
        #expect(rejection("A683 RENAME blurdybloop")?.status == .bad)
    }

    @Test func basicList() {
        #expect(command("A101 LIST \"\" \"\"") == .list(ListCommand(reference: EncodedMailboxName(""),
                                                                     patterns: [MailboxPattern("")])))
        #expect(command("A202 LIST ~/Mail/ %") == .list(ListCommand(reference: EncodedMailboxName("~/Mail/"),
                                                                     patterns: [MailboxPattern("%")])))
        #expect(command("a LIST \"\" INBOX*]") == .list(ListCommand(reference: EncodedMailboxName(""),
                                                                     patterns: [MailboxPattern("INBOX*]")])))
        #expect(command("A002 LSUB \"#news.\" \"comp.mail.*\"") == .lsub(reference: EncodedMailboxName("#news."),
                                                                            pattern: MailboxPattern("comp.mail.*")))
    }

    @Test func extendedList() {
        // RFC 5258 §5 and RFC 5819 / RFC 6154 examples.
        #expect(command("A04 LIST (SUBSCRIBED) \"\" \"*\"") == .list(ListCommand(
            selectionOptions: [.subscribed], reference: EncodedMailboxName(""), patterns: [MailboxPattern("*")], isExtended: true)))
        #expect(command("A05 LIST (subscribed RECURSIVEMATCH) \"\" \"%\" RETURN (CHILDREN)") == .list(ListCommand(
            selectionOptions: [.subscribed, .recursiveMatch], reference: EncodedMailboxName(""), patterns: [MailboxPattern("%")],
            returnOptions: [.children], isExtended: true)))
        #expect(command("E01 LIST \"\" (\"%\" \"Archive/*\")") == .list(ListCommand(
            reference: EncodedMailboxName(""), patterns: [MailboxPattern("%"), MailboxPattern("Archive/*")], isExtended: true)))
        #expect(command("A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))") == .list(ListCommand(
            reference: EncodedMailboxName(""), patterns: [MailboxPattern("%")], returnOptions: [.status([.messages, .unseen])],
            isExtended: true)))
        #expect(command("t1 LIST (SPECIAL-USE) \"\" \"*\" RETURN (SPECIAL-USE SUBSCRIBED)") == .list(ListCommand(
            selectionOptions: [.specialUse], reference: EncodedMailboxName(""), patterns: [MailboxPattern("*")],
            returnOptions: [.specialUse, .subscribed], isExtended: true)))
        #expect(command("a LIST () \"\" % RETURN ()") == .list(ListCommand(
            reference: EncodedMailboxName(""), patterns: [MailboxPattern("%")], isExtended: true)))
    }

    @Test func listErrors() {
        // RFC 5258 §3.1: RECURSIVEMATCH alone (or only with REMOTE) is a BAD.
        #expect(rejection("a LIST (RECURSIVEMATCH) \"\" %")?.status == .bad)
        #expect(rejection("a LIST (REMOTE RECURSIVEMATCH) \"\" %")?.status == .bad)
        #expect(rejection("a LIST (FROB) \"\" %")?.status == .bad)
        #expect(rejection("a LIST \"\" % RETURN (FROB)")?.status == .bad)
        #expect(rejection("a LIST \"\" % EXTRA (CHILDREN)")?.status == .bad)
        #expect(rejection("a LIST \"\"")?.status == .bad)
    }

    @Test func status() {
        #expect(command("A042 STATUS blurdybloop (UIDNEXT MESSAGES)") == .status(EncodedMailboxName("blurdybloop"),
                                                                                  [.uidNext, .messages]))
        #expect(command("a STATUS INBOX (size highestmodseq APPENDLIMIT MAILBOXID DELETED UNSEEN UIDVALIDITY RECENT)")
            == .status(inbox, [.size, .highestModSeq, .appendLimit, .mailboxID, .deleted, .unseen, .uidValidity, .recent]))
        #expect(rejection("a STATUS INBOX ()")?.status == .bad)
        #expect(rejection("a STATUS INBOX (MESSAGES FROB)")?.status == .bad)
    }

    @Test func quotaAndACL() {
        #expect(command("G0001 GETQUOTA \"!partition/sda4\"") == .getQuota(root: "!partition/sda4"))
        #expect(command("G0002 GETQUOTAROOT INBOX") == .getQuotaRoot(inbox))
        #expect(command("S0000 SETQUOTA \"\" (STORAGE 512 message 1000)") == .setQuota(
            root: "", limits: [QuotaLimit(resource: "STORAGE", limit: 512), QuotaLimit(resource: "MESSAGE", limit: 1000)]))
        #expect(command("S SETQUOTA \"\" ()") == .setQuota(root: "", limits: []))
        #expect(command("A001 GETACL INBOX") == .getACL(inbox))
        #expect(command("A002 SETACL INBOX/Drafts Chris +cda") == .setACL(
            EncodedMailboxName("INBOX/Drafts"), identifier: "Chris", rights: ACLModification(operation: .add, rights: "cda")))
        #expect(command("A035 SETACL INBOX/Drafts John -w") == .setACL(
            EncodedMailboxName("INBOX/Drafts"), identifier: "John", rights: ACLModification(operation: .remove, rights: "w")))
        #expect(command("A036 SETACL INBOX \"-Fred\" lr") == .setACL(
            inbox, identifier: "-Fred", rights: ACLModification(operation: .replace, rights: "lr")))
        #expect(command("A003 DELETEACL INBOX Fred") == .deleteACL(inbox, identifier: "Fred"))
        #expect(command("a LISTRIGHTS ~/Mail/saved smith") == .listRights(EncodedMailboxName("~/Mail/saved"), identifier: "smith"))
        #expect(command("A003 MYRIGHTS INBOX") == .myRights(inbox))
    }

    @Test func mailboxNamesDecodeByMode() throws {
        guard case .select(let name, _)? = command("a SELECT \"Entw&APw-rfe\"") else {
            Issue.record("SELECT did not parse")
            return
        }
        #expect(try name.decoded(utf8Enabled: false) == "Entwürfe")
        #expect(try name.decoded(utf8Enabled: true) == "Entw&APw-rfe")
        guard case .select(let utf8Name, _)? = command("a SELECT \"Entwürfe\"") else {
            Issue.record("SELECT with UTF-8 did not parse")
            return
        }
        #expect(try utf8Name.decoded(utf8Enabled: true) == "Entwürfe")
        #expect(throws: MailboxArgumentError.invalidModifiedUTF7(.notPrintableASCII)) {
            try utf8Name.decoded(utf8Enabled: false)
        }
        #expect(try EncodedMailboxName("inbox/Sub").mailboxName(utf8Enabled: false) == MailboxName("INBOX/Sub"))
        #expect(throws: MailboxArgumentError.invalidName(.relativeLevel)) {
            try EncodedMailboxName("a/../b").mailboxName(utf8Enabled: true)
        }
        #expect(throws: MailboxArgumentError.invalidUTF8) {
            try EncodedMailboxName([0x61, 0xFF]).decoded(utf8Enabled: true)
        }
    }
}
