import Testing
@testable import SASL

@Suite("SCRAM-SHA-256 client mechanism")
struct SCRAMSHA256ClientMechanismTests {
    static let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"

    func makeClient(limits: SASLLimits = .standard) throws -> SCRAMSHA256ClientMechanism {
        try SCRAMSHA256ClientMechanism(
            username: "user", password: "pencil", clientNonce: try #require(SCRAMNonce("rOprNGfwEbeRWgbNEkqO")),
            limits: limits)
    }

    @Test("RFC 7677 §3 example: the client's messages match byte for byte")
    func rfc7677Example() throws {
        var client = try makeClient()
        #expect(text(try client.start()) == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO")
        let clientFinal = try client.respond(to: bytes(Self.serverFirst))
        #expect(text(clientFinal) == "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
        try client.finish(additionalData: bytes("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))
    }

    @Test("a forged server signature is refused")
    func forgedServerSignature() throws {
        var client = try makeClient()
        _ = try client.start()
        _ = try client.respond(to: bytes(Self.serverFirst))
        #expect(throws: SASLError.serverSignatureMismatch) {
            try client.respond(to: bytes("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
        }
    }

    @Test("a success without any server signature is refused")
    func successWithoutSignature() throws {
        var client = try makeClient()
        _ = try client.start()
        _ = try client.respond(to: bytes(Self.serverFirst))
        #expect(throws: SASLError.serverSignatureMismatch) { try client.finish(additionalData: nil) }
    }

    @Test("a server error is reported with its value")
    func serverError() throws {
        var client = try makeClient()
        _ = try client.start()
        _ = try client.respond(to: bytes(Self.serverFirst))
        #expect(throws: SASLError.serverReportedError("invalid-proof")) {
            try client.respond(to: bytes("e=invalid-proof"))
        }
    }

    @Test("server-first messages the client must refuse", arguments: [
        ("r=someoneelse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", SASLError.serverNonceMismatch),
        ("r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", .serverNonceMismatch),
        ("r=rOprNGfwEbeRWgbNEkqOx,s=,i=4096", .malformedServerMessage("expected s=<base64 salt>")),
        ("r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0", .iterationCountOutOfRange(0)),
        ("r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999", .iterationCountOutOfRange(99_999_999)),
        ("r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-5", .malformedServerMessage("expected i=<iteration count>")),
        ("r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==", .malformedServerMessage("expected r=<nonce>,s=<salt>,i=<iterations>")),
        ("m=x,r=rOprNGfwEbeRWgbNEkqOx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", .malformedServerMessage("unsupported mandatory extension")),
        ("e=other-error", .serverReportedError("other-error")),
    ])
    func refusedServerFirst(message: String, error: SASLError) throws {
        var client = try makeClient()
        _ = try client.start()
        #expect(throws: error) { try client.respond(to: bytes(message)) }
        #expect(throws: SASLError.unexpectedMessage) { try client.respond(to: bytes(Self.serverFirst)) }
    }

    @Test("the iteration count a client accepts is bounded by its limits")
    func iterationLimit() throws {
        var client = try makeClient(limits: SASLLimits(maximumIterationCount: 1000))
        _ = try client.start()
        #expect(throws: SASLError.iterationCountOutOfRange(4096)) { try client.respond(to: bytes(Self.serverFirst)) }
    }

    @Test("out-of-sequence calls throw")
    func outOfSequence() throws {
        var client = try makeClient()
        #expect(throws: SASLError.unexpectedMessage) { try client.respond(to: bytes(Self.serverFirst)) }
        var started = try makeClient()
        _ = try started.start()
        #expect(throws: SASLError.unexpectedMessage) { try started.start() }
    }

    @Test("an empty user name or password is refused up front")
    func emptyCredentials() throws {
        let nonce = try #require(SCRAMNonce("abc"))
        #expect(throws: SASLError.emptyAfterPreparation) {
            try SCRAMSHA256ClientMechanism(username: "", password: "x", clientNonce: nonce)
        }
        #expect(throws: SASLError.emptyAfterPreparation) {
            try SCRAMSHA256ClientMechanism(username: "u", password: "\u{AD}", clientNonce: nonce)
        }
    }

    @Test("nonces are printable and never contain commas")
    func nonces() {
        #expect(SCRAMNonce("abc") != nil)
        #expect(SCRAMNonce("a,b") == nil)
        #expect(SCRAMNonce("a b") == nil)
        #expect(SCRAMNonce("") == nil)
        #expect(SCRAMNonce("é") == nil)
        var generator = SystemRandomNumberGenerator()
        let random = SCRAMNonce.random(using: &generator)
        #expect(SCRAMNonce(random.text) == random)
        #expect(random != SCRAMNonce.random(using: &generator))
    }
}
