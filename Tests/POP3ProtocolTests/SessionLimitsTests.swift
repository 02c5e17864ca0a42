import MailCore
import Testing
@testable import POP3Protocol

@Suite("POP3 session: pipelining and limits")
struct SessionLimitsTests {
    @Test("a pipelined batch is answered in order and flushed once")
    func pipelining() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.start()
        let flushesBefore = harness.flushCount
        let responses = harness.send("CAPA\r\nUSER alice\r\nPASS secret\r\nSTAT\r\nRETR 3\r\nDELE 3\r\nLIST 3\r\nNOOP\r\n")
        #expect(responses.map(\.isPositive) == [true, true, true, true, true, true, false, true])
        #expect(responses[6].line == "-ERR Message 3 already deleted")
        #expect(harness.flushCount == flushesBefore + 1)
        let size = POP3Harness.sampleContents[12]?.count ?? 0
        #expect(harness.wireText.contains("+OK \(size) octets\r\nSubject: three\r\n\r\nbody\r\n.\r\n+OK Message 3 deleted"))
    }

    @Test("input before the greeting is handled after it")
    func inputBeforeGreeting() {
        var harness = POP3Harness()
        #expect(harness.send("CAPA\r\n").isEmpty)
        let responses = harness.start()
        #expect(responses.count == 2)
        #expect(responses.last?.lines?.first == "TOP")
    }

    @Test("while waiting for an answer, pipelined commands wait too")
    func heldInput() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.answersCredentialLookups = false
        harness.start()
        #expect(harness.send("USER alice\r\nPASS secret\r\nSTAT\r\n").map(\.line) == ["+OK Send PASS"])
        #expect(harness.session.awaiting == .credential)
        #expect(harness.send("NOOP\r\n").isEmpty)
        harness.perform(harness.session.credentialLookedUp(harness.credentials["alice"]))
        #expect(harness.takeResponses().map(\.isPositive) == [true, true, true])
    }

    @Test("a command line over 255 octets gets -ERR and the session goes on")
    func lineLength() {
        var harness = POP3Harness()
        harness.start()
        let long = "NOOP " + String(repeating: "x", count: 250)
        #expect(harness.reply(long)?.line == "-ERR Line too long")
        #expect(harness.reply("CAPA")?.isPositive == true)
        #expect(harness.session.badCommandCount == 1)
    }

    @Test("a line that never ends is dropped as it arrives, not buffered")
    func endlessLine() {
        var harness = POP3Harness()
        harness.start()
        for _ in 0..<200 { #expect(harness.sendBytes(Array(repeating: UInt8(ascii: "a"), count: 1000)).isEmpty) }
        #expect(harness.session.framer.bufferedByteCount <= 1000)
        #expect(harness.send("\r\n").map(\.line) == ["-ERR Line too long"])
        #expect(!harness.closed)
    }

    @Test("too many bad commands close the connection")
    func badCommands() {
        var harness = POP3Harness { $0.limits.maximumBadCommands = 3 }
        harness.start()
        harness.command("FOO")
        harness.command("BAR")
        #expect(!harness.closed)
        #expect(harness.command("BAZ").map(\.line) == ["-ERR Unknown command", "-ERR Too many bad commands, closing connection"])
        #expect(harness.closed)
    }

    @Test("too many failed logins close the connection")
    func authenticationFailures() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.start()
        for attempt in 1...3 {
            harness.command("USER alice")
            let responses = harness.command("PASS wrong\(attempt)")
            #expect(responses.first?.code == .authentication)
            #expect(harness.closed == (attempt == 3))
        }
        #expect(harness.responses.last?.line == "-ERR [AUTH] Too many authentication failures, closing connection")
    }

    @Test("too many commands before login close the connection")
    func commandsBeforeLogin() {
        var harness = POP3Harness { $0.limits.maximumCommandsBeforeLogin = 4 }
        harness.start()
        for _ in 1...4 { harness.command("CAPA") }
        #expect(!harness.closed)
        #expect(harness.command("CAPA").map(\.line) == ["-ERR Too many commands before login, closing connection"])
        #expect(harness.closed)
    }

    @Test("commands after login are not counted against the before-login limit")
    func commandsAfterLogin() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS) { $0.limits.maximumCommandsBeforeLogin = 3 }
        harness.logIn()
        for _ in 1...10 { #expect(harness.reply("NOOP")?.isPositive == true) }
        #expect(harness.session.commandsBeforeLogin == 2)
    }

    @Test("a client pipelining without bound while the session waits is disconnected")
    func bufferedInput() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS) {
            $0.limits.maximumBufferedInput = 1000
            $0.limits.maximumAuthenticationLineLength = 500
        }
        harness.logIn()
        harness.answersTransfers = false
        harness.command("RETR 1")
        for _ in 0..<20 { harness.send("NOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\n") }
        #expect(harness.closed)
        #expect(harness.responses.last?.line == "-ERR Too much pipelined input, closing connection")
        #expect(harness.releaseCount == 1)
    }

    @Test("the POP3 limits follow the server-wide limits")
    func fromServerLimits() {
        var limits = POP3Limits.defaults
        #expect(limits.maximumCommandLineLength == 255)
        var shared = Limits.defaults
        shared.maxPOP3CommandLineLength = 512
        shared.maxBadCommands = 5
        limits = POP3Limits(shared)
        #expect(limits.maximumCommandLineLength == 512)
        #expect(limits.maximumBadCommands == 5)
    }
}
