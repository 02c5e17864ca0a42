import Testing
@testable import POP3Protocol

@Suite("POP3 session: opening the maildrop and its response codes")
struct SessionMaildropTests {
    @Test("a refused maildrop answers the login with its response code and stays in AUTHORIZATION", arguments: [
        (POP3MaildropOutcome.inUse, "-ERR [IN-USE] Maildrop is in use by another session"),
        (.loginDelay, "-ERR [LOGIN-DELAY] Logged in too recently, try again later"),
        (.temporaryFailure, "-ERR [SYS/TEMP] Maildrop temporarily unavailable, try again later"),
        (.permanentFailure, "-ERR [SYS/PERM] Maildrop unavailable"),
    ])
    func refused(outcome: POP3MaildropOutcome, expected: String) {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.maildropOutcome = outcome
        #expect(harness.logIn().map(\.line) == [expected])
        #expect(harness.session.state == .authorization)
        #expect(harness.session.authenticatedUser == nil)
        #expect(harness.releaseCount == 0)
        // Nothing was held, so closing releases nothing; the client may try again.
        harness.maildropOutcome = .opened(POP3Harness.sampleMaildrop)
        harness.command("USER alice")
        #expect(harness.reply("PASS secret")?.isPositive == true)
    }

    @Test("a snapshot with a unique-id RFC 1939 cannot carry is refused with [SYS/PERM] and released", arguments: [
        "", "has space", String(repeating: "x", count: 71), "tab\tinside", "ünïcode",
    ])
    func invalidUniqueID(uniqueID: String) {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.maildropOutcome = .opened(POP3Maildrop(messages: [POP3MaildropMessage(uid: 1, size: 10, uniqueID: uniqueID)]))
        #expect(harness.logIn().map(\.code) == [.permanentSystemFailure])
        #expect(harness.releaseCount == 1)
        #expect(harness.session.state == .authorization)
    }

    @Test("unique-ids of 1 and 70 printable characters are valid; negative sizes are not")
    func uniqueIDBounds() {
        #expect(POP3MaildropMessage(uid: 1, size: 0, uniqueID: "!").isValid)
        #expect(POP3MaildropMessage(uid: 1, size: 0, uniqueID: String(repeating: "~", count: 70)).isValid)
        #expect(!POP3MaildropMessage(uid: 1, size: -1, uniqueID: "a").isValid)
    }

    @Test("the maildrop snapshot keeps message numbers stable")
    func snapshotNumbers() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.maildropOutcome = .opened(POP3Maildrop(messages: [
            POP3MaildropMessage(uid: 7, size: 1, uniqueID: "a"),
            POP3MaildropMessage(uid: 3, size: 2, uniqueID: "b"),
        ]))
        harness.contents = [7: [65], 3: [66, 67]]
        harness.logIn()
        harness.command("DELE 1")
        harness.command("RETR 2")
        #expect(harness.transfers.map(\.uid) == [3])
        harness.command("QUIT")
        #expect(harness.commits == [[7]])
    }
}
