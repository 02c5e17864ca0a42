import Testing
@testable import POP3Protocol

@Suite("POP3 session: STLS (RFC 2595)")
struct SessionTLSTests {
    @Test("STLS answers +OK, flushes, asks for the handshake and waits")
    func stls() {
        var harness = POP3Harness()
        harness.start()
        #expect(harness.reply("STLS")?.line == "+OK Begin TLS negotiation")
        #expect(harness.startTLSRequested)
        #expect(Array(harness.actionLog.suffix(3)) == [.send(.ok("Begin TLS negotiation")), .flush, .startTLS])
        #expect(harness.session.awaiting == .tlsHandshake)
        harness.perform(harness.session.tlsEstablished(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256"))
        #expect(harness.session.tls?.version == "TLSv1.3")
        #expect(harness.session.awaiting == nil)
        #expect(harness.logIn().isEmpty == false)
    }

    @Test("commands pipelined after STLS in plaintext are discarded, never run")
    func pipelinedPlaintextDiscarded() {
        var harness = POP3Harness()
        harness.start()
        let injected = "USER alice\r\nPASS secret\r\n"
        let responses = harness.send("STLS\r\n" + injected)
        #expect(responses.map(\.line) == ["+OK Begin TLS negotiation"])
        #expect(harness.session.plaintextBytesDiscardedAtSTLS == injected.utf8.count)
        // More plaintext read before the handshake took over is dropped too.
        #expect(harness.send("CAPA\r\n").isEmpty)
        #expect(harness.session.plaintextBytesDiscardedAtSTLS == injected.utf8.count + 6)
        harness.perform(harness.session.tlsEstablished(version: "TLSv1.3", cipher: "x"))
        #expect(harness.credentialRequests.isEmpty)
        // The user must start again after TLS.
        #expect(harness.reply("PASS secret")?.line == "-ERR Send USER first")
    }

    @Test("a USER given before STLS is forgotten")
    func userForgotten() {
        var harness = POP3Harness(plaintext: true)
        harness.start()
        harness.command("USER alice")
        harness.command("STLS")
        harness.perform(harness.session.tlsEstablished(version: "TLSv1.3", cipher: "x"))
        #expect(harness.reply("PASS secret")?.line == "-ERR Send USER first")
    }

    @Test("STLS is refused when TLS is active, when not offered, and after login")
    func refusals() {
        var implicit = POP3Harness(tls: POP3Harness.implicitTLS)
        implicit.start()
        #expect(implicit.reply("STLS")?.line == "-ERR TLS already active")
        var notOffered = POP3Harness { $0.offersSTLS = false }
        notOffered.start()
        #expect(notOffered.reply("STLS")?.line == "-ERR STLS not available")
        implicit.logIn()
        #expect(implicit.reply("STLS")?.line == "-ERR Command not valid after login")
    }
}
