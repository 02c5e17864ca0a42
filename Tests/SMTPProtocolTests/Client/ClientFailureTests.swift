import MailCore
import TestSupport
import Testing
@testable import SMTPProtocol

@Suite("SMTP client: failures and hostile servers")
struct ClientFailureTests {
    private func ready(_ keywords: [String], messages: [SMTPOutboundMessage], limits: SMTPClientLimits = .defaults) -> ClientHarness {
        var harness = ClientHarness(tlsPolicy: .disabled, limits: limits)
        for message in messages { harness.contents[message.identifier] = Array("Subject: x\r\n\r\nbody\r\n".utf8) }
        for message in messages { harness.enqueue(message) }
        harness.server(Fixtures.greeting)
        harness.server(Fixtures.ehlo(keywords))
        return harness
    }

    @Test func reply421MidTransactionDefersPendingRecipientsAndHandsBackTheRest() throws {
        let messages = [Fixtures.message("M1", to: ["a@r.example", "b@r.example", "c@r.example"]), Fixtures.message("M2")]
        var harness = ready(["PIPELINING", "ENHANCEDSTATUSCODES"], messages: messages)
        #expect(harness.server("250 2.1.0 ok\r\n550 5.1.1 unknown\r\n421 4.4.2 shutting down\r\n") == "")
        let closing = SMTPReply(421, SMTPEnhancedStatusCode(4, 4, 2), "shutting down")
        #expect(harness.failures == [.serviceClosing(closing)])
        let outcomes = harness.outcomes(of: "M1")
        #expect(outcomes["<a@r.example>"]?.brief == "failed 550")
        #expect(outcomes["<b@r.example>"] == .deferred(.refusedByServer(closing)))
        #expect(outcomes["<c@r.example>"] == .deferred(.refusedByServer(closing)))
        #expect(harness.unsentMessages.map(\.identifier) == ["M2"])
        #expect(harness.closeCount == 1)
        #expect(harness.reportCounts == ["M1": 1, "M2": 1])
        // Nothing more happens on a closed session.
        #expect(harness.server("250 ok\r\n") == "")
        #expect(harness.session.quit().isEmpty)
        #expect(harness.session.connectionClosed().isEmpty)
    }

    @Test func unsolicited421WhileIdleEndsTheSession() {
        var harness = ClientHarness(tlsPolicy: .disabled)
        harness.quitsWhenIdle = false
        harness.server(Fixtures.greeting)
        harness.server(Fixtures.ehlo([]))
        harness.server("421 idle too long\r\n")
        #expect(harness.failures == [.serviceClosing(SMTPReply(421, nil, "idle too long"))])
        #expect(harness.closeCount == 1)
    }

    @Test func connectionDroppedWhileWaitingForTheReplyToTheContent() throws {
        var harness = ready(["PIPELINING"], messages: [Fixtures.message("M1", to: ["a@r.example", "b@r.example"]), Fixtures.message("M2")])
        harness.server("250 ok\r\n250 ok\r\n550 no\r\n354 go\r\n")
        #expect(harness.session.phase == .dataTermination)
        harness.perform(harness.session.connectionClosed())
        #expect(harness.failures == [.connectionLost(.dataTermination)])
        let outcomes = harness.outcomes(of: "M1")
        #expect(outcomes["<a@r.example>"] == .deferred(.connectionFailed(.connectionLost(.dataTermination))))
        #expect(outcomes["<b@r.example>"]?.brief == "failed 550")
        #expect(harness.unsentMessages.map(\.identifier) == ["M2"])
        if case .deferred(let problem) = outcomes["<a@r.example>"] {
            #expect(problem.status(permanent: false) == SMTPEnhancedStatusCode(4, 4, 2))
        }
    }

    @Test func contentIsRequestedPieceByPieceInTheDataBlockPhase() {
        // Answer readContent by hand, on a copy of the session past EHLO.
        var session = ready(["PIPELINING"], messages: [Fixtures.message()]).session
        var actions = session.receive(Array("250 ok\r\n250 ok\r\n354 go\r\n".utf8))
        #expect(actions == [.readContent])
        #expect(session.phase == .dataBlock)
        #expect(session.timeoutSeconds == 180)
        actions = session.provideContent(Array("line one\r\n.".utf8))
        #expect(actions == [.send(Array("line one\r\n..".utf8)), .readContent])
        actions = session.provideContent(Array(".two\r\n".utf8))
        #expect(actions == [.send(Array(".two\r\n".utf8)), .readContent])
        actions = session.endContent()
        #expect(actions == [.send(Array(".\r\n".utf8))])
        #expect(session.phase == .dataTermination)
        // Answers at the wrong time are ignored.
        #expect(session.provideContent([1, 2, 3]).isEmpty)
        #expect(session.endContent().isEmpty)
        #expect(session.tlsEstablished().isEmpty)
    }

    @Test func replyWhileSendingContentIsAProtocolError() {
        var session = ready(["PIPELINING"], messages: [Fixtures.message()]).session
        _ = session.receive(Array("250 ok\r\n250 ok\r\n354 go\r\n".utf8))
        let actions = session.receive(Array("554 5.0.0 changed my mind\r\n".utf8))
        let reply = SMTPReply(554, nil, "5.0.0 changed my mind")
        #expect(actions.contains(.connectionFailed(.protocolError(.unexpectedReply(reply, .dataBlock)), unsentMessages: [])))
        #expect(actions.last == .close)
        #expect(session.isClosed)
    }

    @Test func timeoutsNameThePhase() {
        var harness = ClientHarness(tlsPolicy: .disabled)
        harness.enqueue(Fixtures.message())
        harness.server(Fixtures.greeting)
        harness.server(Fixtures.ehlo([]))
        #expect(harness.session.phase == .mail)
        harness.perform(harness.session.timedOut())
        #expect(harness.failures == [.timedOut(.mail)])
        #expect(harness.outcomes(of: "M1").values.map(\.brief) == ["deferred local"])
        #expect(harness.closeCount == 1)
        #expect(harness.session.timedOut().isEmpty)
    }

    @Test func timeoutOrCloseAfterQUITIsNotAFailure() {
        for closes in [false, true] {
            var harness = ClientHarness(tlsPolicy: .disabled)
            harness.server(Fixtures.greeting)
            #expect(harness.server(Fixtures.ehlo([])) == "QUIT\r\n")
            harness.perform(closes ? harness.session.connectionClosed() : harness.session.timedOut())
            #expect(harness.failures.isEmpty)
            #expect(harness.closeCount == 1)
        }
    }

    @Test func hugeLineFromTheServerIsBounded() {
        let limits = SMTPClientLimits(maximumReplyLineLength: 1024, maximumReplyLineCount: 32)
        var harness = ClientHarness(tlsPolicy: .disabled, limits: limits)
        harness.enqueue(Fixtures.message())
        harness.server("220-")
        for _ in 0..<5 { harness.server(String(repeating: "A", count: 300)) }
        #expect(harness.failures == [.protocolError(.malformedReply(.lineTooLong(limit: 1024)))])
        #expect(harness.session.parser.bufferedByteCount == 0)
        #expect(harness.unsentMessages.count == 1)
        #expect(harness.closeCount == 1)
    }

    @Test func endlessContinuationLinesAreBounded() {
        let limits = SMTPClientLimits(maximumReplyLineLength: 1024, maximumReplyLineCount: 32)
        var harness = ClientHarness(tlsPolicy: .disabled, limits: limits)
        harness.server(Fixtures.greeting)
        for _ in 0..<40 where harness.closeCount == 0 { harness.server("250-EXTENSION\r\n") }
        #expect(harness.failures == [.protocolError(.malformedReply(.tooManyLines(limit: 32)))])
    }

    @Test(arguments: ["HTTP/1.1 400 Bad Request\r\n", "250 unsolicited\r\n", "220 hi\r\n250 extra\r\n", "354 huh\r\n"])
    func garbageAtTheWrongTimeFailsCleanly(text: String) {
        var harness = ClientHarness(tlsPolicy: .disabled)
        harness.quitsWhenIdle = false
        harness.server(Fixtures.greeting)
        harness.server(Fixtures.ehlo([]))
        harness.server(text)
        #expect(harness.failures.count == 1)
        #expect(harness.closeCount == 1)
        if case .protocolError = harness.failures.first {} else { Issue.record("expected a protocol error, got \(harness.failures)") }
    }

    @Test func nonsenseRepliesToDATAAndContentAreProtocolErrors() {
        var toData = ready([], messages: [Fixtures.message()])
        toData.server("250 ok\r\n250 ok\r\n")
        toData.server("250 not a 354\r\n")
        #expect(toData.failures == [.protocolError(.unexpectedReply(SMTPReply(250, nil, "not a 354"), .dataInitiation))])
        #expect(toData.outcomes(of: "M1").values.map(\.brief) == ["deferred 250"])

        var toContent = ready([], messages: [Fixtures.message()])
        toContent.server("250 ok\r\n250 ok\r\n354 go\r\n")
        toContent.server("354 again\r\n")
        #expect(toContent.failures.count == 1)
        #expect(toContent.outcomes(of: "M1").values.first.map(\.brief) == "deferred 354")
    }

    @Test func resetRefusedHandsBackTheMessage() {
        var harness = ready(["PIPELINING"], messages: [Fixtures.message("M1"), Fixtures.message("M2")])
        #expect(harness.server("250 ok\r\n550 no\r\n554 none\r\n") == "RSET\r\n")
        #expect(harness.server("500 what\r\n") == "QUIT\r\n")
        #expect(harness.failures == [.resetRefused(SMTPReply(500, nil, "what"))])
        #expect(harness.unsentMessages.map(\.identifier) == ["M2"])
        #expect(harness.reportCounts == ["M1": 1, "M2": 1])
    }

    @Test func enqueueAfterQUITOrCloseThrowsAndKeepsNothing() {
        var harness = ClientHarness(tlsPolicy: .disabled)
        harness.server(Fixtures.greeting)
        #expect(harness.server(Fixtures.ehlo([])) == "QUIT\r\n")
        #expect(!harness.session.acceptsMessages)
        #expect(throws: SMTPClientSessionClosedError.self) { try harness.session.enqueue(Fixtures.message()) }
        harness.server("221 bye\r\n")
        #expect(throws: SMTPClientSessionClosedError.self) { try harness.session.enqueue(Fixtures.message()) }
        #expect(harness.results.isEmpty && harness.unsentMessages.isEmpty)
    }

    @Test func failureInTheBatchThatAnnouncedIdlenessRefusesTheNextMessage() {
        var harness = ClientHarness(tlsPolicy: .disabled)
        harness.enqueue(Fixtures.message("M1"))
        harness.nextMessages = [Fixtures.message("M2")]
        harness.server(Fixtures.greeting)
        harness.server(Fixtures.ehlo([]))
        // MAIL refused, then garbage in the same read: the idle announcement and the failure
        // arrive in one batch, so M2 must not be swallowed by a closed session.
        harness.server("550 no\r\nnonsense\r\n")
        #expect(harness.nextMessages.map(\.identifier) == ["M2"])
        #expect(harness.reportCounts == ["M1": 1])
        #expect(harness.closeCount == 1)
    }
}
