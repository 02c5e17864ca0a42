import Testing
@testable import POP3Protocol

@Suite("POP3 session: CAPA (RFC 2449)")
struct SessionCapabilityTests {
    private static let common = ["TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"]

    @Test("before TLS: no USER, only SCRAM, STLS offered")
    func beforeTLS() {
        var harness = POP3Harness()
        harness.start()
        let capa = harness.reply("CAPA")
        #expect(capa?.line == "+OK Capability list follows")
        #expect(capa?.lines == Self.common + ["SASL SCRAM-SHA-256", "STLS", "EXPIRE NEVER", "IMPLEMENTATION Martlet"])
    }

    @Test("after STLS: USER and every mechanism, no STLS")
    func afterTLS() {
        var harness = POP3Harness()
        harness.start()
        harness.command("STLS")
        harness.perform(harness.session.tlsEstablished(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384"))
        #expect(harness.reply("CAPA")?.lines
            == Self.common + ["USER", "SASL SCRAM-SHA-256 PLAIN LOGIN", "EXPIRE NEVER", "IMPLEMENTATION Martlet"])
    }

    @Test("after login: no USER, SASL or STLS")
    func afterLogin() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS)
        harness.logIn()
        #expect(harness.reply("CAPA")?.lines == Self.common + ["EXPIRE NEVER", "IMPLEMENTATION Martlet"])
    }

    @Test("with plaintext allowed and no STLS, USER and PLAIN are listed before TLS")
    func plaintextListener() {
        var harness = POP3Harness(plaintext: true) { $0.offersSTLS = false }
        harness.start()
        #expect(harness.reply("CAPA")?.lines
            == Self.common + ["USER", "SASL SCRAM-SHA-256 PLAIN LOGIN", "EXPIRE NEVER", "IMPLEMENTATION Martlet"])
    }

    @Test("per-user EXPIRE and LOGIN-DELAY say USER before login and the user's value after")
    func perUserValues() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS) {
            $0.expirePolicy = .days(30)
            $0.expirePolicyVariesByUser = true
            $0.loginDelaySeconds = 900
            $0.loginDelayVariesByUser = true
            $0.implementation = nil
        }
        harness.maildropOutcome = .opened(POP3Maildrop(
            messages: [], expirePolicy: .never, loginDelaySeconds: 60))
        harness.start()
        #expect(harness.reply("CAPA")?.lines == Self.common + ["USER", "SASL SCRAM-SHA-256 PLAIN LOGIN", "EXPIRE 30 USER", "LOGIN-DELAY 900 USER"])
        harness.command("USER alice")
        harness.command("PASS secret")
        #expect(harness.reply("CAPA")?.lines == Self.common + ["EXPIRE NEVER", "LOGIN-DELAY 60"])
    }

    @Test("server-wide values stay after login when the maildrop gives none; EXPIRE can be left out")
    func serverWideValues() {
        var harness = POP3Harness(tls: POP3Harness.implicitTLS) {
            $0.expirePolicy = nil
            $0.loginDelaySeconds = 120
        }
        harness.logIn()
        #expect(harness.reply("CAPA")?.lines == Self.common + ["LOGIN-DELAY 120", "IMPLEMENTATION Martlet"])
    }
}
