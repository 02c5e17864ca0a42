import Testing
@testable import POP3Protocol

@Suite("POP3 session: QUIT, UPDATE and ending without QUIT")
struct SessionUpdateTests {
    private func loggedIn() -> POP3Harness {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.logIn()
        return harness
    }

    @Test("QUIT commits exactly the marked messages and says +OK only after the commit")
    func commitSuccess() {
        var harness = loggedIn()
        harness.commitOutcome = nil
        harness.command("DELE 3")
        harness.command("DELE 1")
        #expect(harness.command("QUIT").isEmpty)
        #expect(harness.commits == [[10, 12]])
        #expect(harness.session.state == .update)
        #expect(harness.session.awaiting == .deletionCommit)
        #expect(!harness.closed && harness.releaseCount == 0)
        // Input is held while committing.
        #expect(harness.command("NOOP").isEmpty)
        harness.perform(harness.session.deletionsCommitted(.committed))
        #expect(harness.takeResponses().map(\.line) == ["+OK pop.example.org POP3 server signing off (1 message left)"])
        #expect(harness.releaseCount == 1)
        #expect(harness.closed)
        // The maildrop is released before the +OK goes out: a client may log in again at once.
        let ending = Array(harness.actionLog.suffix(4))
        #expect(ending.first == .releaseMaildrop)
        #expect(Array(ending.suffix(2)) == [.flush, .close])
    }

    @Test("a failed commit answers -ERR [SYS/TEMP], deletes nothing, and closes")
    func commitFailure() {
        var harness = loggedIn()
        harness.commitOutcome = .failed
        harness.command("DELE 2")
        #expect(harness.command("QUIT").map(\.line)
            == ["-ERR [SYS/TEMP] Deleted messages could not be removed; none were, try again later"])
        #expect(harness.commits == [[11]])
        #expect(harness.releaseCount == 1)
        #expect(harness.closed)
    }

    @Test("QUIT with nothing marked commits nothing")
    func quitWithoutDeletions() {
        var harness = loggedIn()
        #expect(harness.command("QUIT").map(\.line) == ["+OK pop.example.org POP3 server signing off (3 messages left)"])
        #expect(harness.commits.isEmpty)
        #expect(harness.releaseCount == 1)
        #expect(harness.closed)
    }

    @Test("a dropped connection deletes nothing and releases the maildrop once")
    func dropWithoutQuit() {
        var harness = loggedIn()
        harness.command("DELE 1")
        harness.perform(harness.session.connectionClosed())
        #expect(harness.commits.isEmpty)
        #expect(harness.releaseCount == 1)
        #expect(harness.session.isClosed)
        harness.perform(harness.session.connectionClosed())
        harness.perform(harness.session.timedOut())
        #expect(harness.releaseCount == 1)
        #expect(harness.command("QUIT").isEmpty)
        #expect(harness.commits.isEmpty)
    }

    @Test("the idle timeout and a shutdown answer -ERR, delete nothing and release")
    func timeoutAndShutdown() {
        var idle = loggedIn()
        idle.command("DELE 1")
        idle.perform(idle.session.timedOut())
        #expect(idle.takeResponses().map(\.line) == ["-ERR Idle for too long, closing connection"])
        #expect(idle.commits.isEmpty && idle.releaseCount == 1 && idle.closed)

        var stopping = loggedIn()
        stopping.perform(stopping.session.shutDown())
        #expect(stopping.takeResponses().map(\.code) == [.temporarySystemFailure])
        #expect(stopping.releaseCount == 1 && stopping.closed)
    }

    @Test("a connection dropped while the maildrop is being opened still gets a release")
    func dropWhileOpening() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.maildropOutcome = nil
        harness.logIn()
        #expect(harness.session.awaiting == .maildrop)
        harness.perform(harness.session.connectionClosed())
        #expect(harness.releaseCount == 1)
        // A late answer is ignored.
        #expect(harness.session.maildropOpened(.opened(POP3Harness.sampleMaildrop)).isEmpty)
    }

    @Test("answers nobody asked for are ignored")
    func unexpectedAnswers() {
        var harness = loggedIn()
        #expect(harness.session.deletionsCommitted(.committed).isEmpty)
        #expect(harness.session.messageTransferred(.sent).isEmpty)
        #expect(harness.session.credentialLookedUp(nil).isEmpty)
        #expect(harness.session.apopSecretLookedUp("x").isEmpty)
        #expect(harness.session.maildropOpened(.inUse).isEmpty)
        #expect(harness.session.tlsEstablished(version: "TLSv1.3", cipher: "x").isEmpty)
        #expect(harness.session.state == .transaction)
    }
}
