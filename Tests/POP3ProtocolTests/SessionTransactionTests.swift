import Testing
@testable import POP3Protocol

@Suite("POP3 session: TRANSACTION")
struct SessionTransactionTests {
    private static let sizes = [10, 11, 12].map { POP3Harness.sampleContents[$0]?.count ?? -1 }

    private func loggedIn() -> POP3Harness {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.logIn()
        return harness
    }

    @Test("STAT counts messages and octets")
    func stat() {
        var harness = loggedIn()
        #expect(harness.reply("STAT")?.line == "+OK 3 \(Self.sizes.reduce(0, +))")
    }

    @Test("LIST lists every message; LIST n one of them")
    func list() {
        var harness = loggedIn()
        let all = harness.reply("LIST")
        #expect(all?.lines == ["1 \(Self.sizes[0])", "2 \(Self.sizes[1])", "3 \(Self.sizes[2])"])
        #expect(all?.line == "+OK 3 messages (\(Self.sizes.reduce(0, +)) octets)")
        #expect(harness.reply("LIST 2")?.line == "+OK 2 \(Self.sizes[1])")
        #expect(harness.reply("LIST 4")?.line == "-ERR No such message")
        #expect(harness.reply("LIST 0")?.line == "-ERR No such message")
    }

    @Test("UIDL lists unique-ids; UIDL n one of them")
    func uidl() {
        var harness = loggedIn()
        #expect(harness.reply("UIDL")?.lines == ["1 uid-10", "2 uid-11", "3 uid-12"])
        #expect(harness.reply("UIDL 3")?.line == "+OK 3 uid-12")
        #expect(harness.reply("UIDL 9")?.line == "-ERR No such message")
    }

    @Test("RETR sends the octet count, the stuffed content and the terminator")
    func retr() throws {
        var harness = loggedIn()
        let before = harness.wire.count
        let responses = harness.command("RETR 1")
        #expect(responses.map(\.line) == ["+OK \(Self.sizes[0]) octets"])
        #expect(String(decoding: harness.wire[before...], as: UTF8.self)
            == "+OK \(Self.sizes[0]) octets\r\nSubject: one\r\n\r\nHello\r\n..hidden\r\n.\r\n")
        let transfer = try #require(harness.transfers.last)
        #expect(transfer == POP3MessageTransfer(
            messageNumber: 1, uid: 10, size: Self.sizes[0], bodyLineLimit: nil, response: .ok("\(Self.sizes[0]) octets")))
        #expect(harness.actionLog.last == .flush)
    }

    @Test("TOP sends the header and n body lines; 0 lines and more lines than exist work")
    func top() {
        var harness = loggedIn()
        var start = harness.wire.count
        #expect(harness.reply("TOP 2 1")?.line == "+OK Top of message follows")
        #expect(String(decoding: harness.wire[start...], as: UTF8.self)
            == "+OK Top of message follows\r\nSubject: two\r\nFrom: a@example.org\r\n\r\nline 1\r\n.\r\n")
        start = harness.wire.count
        harness.command("TOP 2 0")
        #expect(String(decoding: harness.wire[start...], as: UTF8.self)
            == "+OK Top of message follows\r\nSubject: two\r\nFrom: a@example.org\r\n\r\n.\r\n")
        start = harness.wire.count
        harness.command("TOP 2 99")
        #expect(String(decoding: harness.wire[start...], as: UTF8.self).hasSuffix("line 1\r\nline 2\r\nline 3\r\n.\r\n"))
        #expect(harness.transfers.map(\.bodyLineLimit) == [1, 0, 99])
        #expect(harness.reply("TOP 7 1")?.line == "-ERR No such message")
    }

    @Test("RETR of a message another session expunged answers -ERR; a read failure [SYS/TEMP]")
    func missingMessage() {
        var harness = loggedIn()
        harness.contents[11] = nil
        #expect(harness.reply("RETR 2")?.line == "-ERR Message 2 was removed by another session")
        #expect(harness.session.awaiting == nil)

        var failing = loggedIn()
        failing.answersTransfers = false
        #expect(failing.command("RETR 1").isEmpty)
        #expect(failing.session.awaiting == .messageTransfer)
        failing.perform(failing.session.messageTransferred(.readFailed))
        #expect(failing.takeResponses().map(\.line) == ["-ERR [SYS/TEMP] Message 1 cannot be read now, try again later"])
    }

    @Test("DELE marks: the message disappears from STAT, LIST and UIDL, and every command on it says so")
    func dele() {
        var harness = loggedIn()
        #expect(harness.reply("DELE 1")?.line == "+OK Message 1 deleted")
        #expect(harness.reply("STAT")?.line == "+OK 2 \(Self.sizes[1] + Self.sizes[2])")
        #expect(harness.reply("LIST")?.lines == ["2 \(Self.sizes[1])", "3 \(Self.sizes[2])"])
        #expect(harness.reply("UIDL")?.lines == ["2 uid-11", "3 uid-12"])
        for line in ["DELE 1", "RETR 1", "TOP 1 0", "LIST 1", "UIDL 1"] {
            #expect(harness.reply(line)?.line == "-ERR Message 1 already deleted")
        }
        #expect(harness.transfers.isEmpty)
        // Numbers of the others do not move.
        #expect(harness.reply("LIST 3")?.line == "+OK 3 \(Self.sizes[2])")
        #expect(harness.commits.isEmpty)
        #expect(harness.session.badCommandCount == 0)
    }

    @Test("RSET unmarks every message")
    func rset() {
        var harness = loggedIn()
        harness.command("DELE 1")
        harness.command("DELE 3")
        #expect(harness.reply("RSET")?.line == "+OK Maildrop has 3 messages (\(Self.sizes.reduce(0, +)) octets)")
        #expect(harness.reply("LIST 1")?.isPositive == true)
        harness.command("QUIT")
        #expect(harness.commits.isEmpty)
    }

    @Test("NOOP answers +OK")
    func noop() {
        var harness = loggedIn()
        #expect(harness.reply("NOOP")?.line == "+OK")
    }

    @Test("an empty maildrop works")
    func emptyMaildrop() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.maildropOutcome = .opened(POP3Maildrop(messages: []))
        #expect(harness.logIn().map(\.line) == ["+OK Logged in, maildrop has 0 messages (0 octets)"])
        #expect(harness.reply("STAT")?.line == "+OK 0 0")
        #expect(harness.reply("LIST")?.lines == [])
        #expect(harness.reply("RETR 1")?.line == "-ERR No such message")
    }

    @Test("unknown and malformed commands in TRANSACTION are refused and counted")
    func badCommands() {
        var harness = loggedIn()
        #expect(harness.reply("XTND XMIT")?.line == "-ERR Unknown command")
        #expect(harness.reply("RETR")?.line == "-ERR Syntax: RETR msg")
        #expect(harness.reply("TOP 1 x")?.line == "-ERR Invalid line count")
        #expect(harness.session.badCommandCount == 3)
        #expect(harness.session.state == .transaction)
    }
}
