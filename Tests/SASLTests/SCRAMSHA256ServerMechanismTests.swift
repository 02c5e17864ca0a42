import Testing
@testable import SASL

@Suite("SCRAM-SHA-256 server mechanism")
struct SCRAMSHA256ServerMechanismTests {
    static let serverNonceText = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    static let combinedNonce = "rOprNGfwEbeRWgbNEkqO" + serverNonceText

    func rfcCredential() throws -> SCRAMCredential {
        try SCRAMCredential(password: "pencil", salt: base64("W22ZaJ0SNY7soEsUEjb6gQ=="), iterations: 4096)
    }

    func makeServer(limits: SASLLimits = .standard) throws -> SCRAMSHA256ServerMechanism {
        SCRAMSHA256ServerMechanism(
            serverNonce: try #require(SCRAMNonce(Self.serverNonceText)),
            unknownUserSaltKey: bytes("unknown-user secret"), limits: limits)
    }

    /// Runs the exchange up to the server-first message with `credential`.
    func serverAfterFirst(
        clientFirst: String = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO", credential: SCRAMCredential?
    ) throws -> (SCRAMSHA256ServerMechanism, [UInt8]) {
        var server = try makeServer()
        #expect(server.start(initialResponse: nil) == .challenge([]))
        let lookup = server.step(bytes(clientFirst))
        guard case .needsCredential = lookup else {
            Issue.record("expected a credential lookup, got \(lookup)")
            return (server, [])
        }
        let serverFirst = try #require(server.provide(credential: credential).challengeBytes)
        return (server, serverFirst)
    }

    @Test("RFC 7677 §3 example: server-first, proof and server signature match")
    func rfc7677Example() throws {
        var server = try makeServer()
        #expect(server.start(initialResponse: bytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))
            == .needsCredential(username: "user"))
        let serverFirst = server.provide(credential: try rfcCredential())
        #expect(serverFirst == .challenge(bytes("r=\(Self.combinedNonce),s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
        let outcome = server.step(bytes(
            "c=biws,r=\(Self.combinedNonce),p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))
        #expect(outcome == .success(SASLAuthentication(
            authorizationIdentity: nil, authenticationIdentity: "user",
            finalServerData: bytes("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))))
        // The machine is finished: anything more is out of sequence.
        #expect(server.step(bytes("")).failureReason == .unexpectedMessage)
    }

    @Test("a wrong password fails with invalid-proof")
    func wrongPassword() throws {
        let (server, _) = try serverAfterFirst(credential: try rfcCredential())
        var mutableServer = server
        let outcome = mutableServer.step(bytes(
            "c=biws,r=\(Self.combinedNonce),p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
        #expect(outcome == .failure(SASLFailure(reason: .invalidCredentials, serverData: bytes("e=invalid-proof"))))
    }

    @Test("an unknown user gets a stable decoy salt and fails exactly like a wrong password")
    func unknownUserFailsLikeWrongPassword() throws {
        let (server, serverFirst) = try serverAfterFirst(
            clientFirst: "n,,n=nobody,r=rOprNGfwEbeRWgbNEkqO", credential: nil)
        let (_, repeatedFirst) = try serverAfterFirst(
            clientFirst: "n,,n=nobody,r=rOprNGfwEbeRWgbNEkqO", credential: nil)
        let (_, otherFirst) = try serverAfterFirst(
            clientFirst: "n,,n=somebody,r=rOprNGfwEbeRWgbNEkqO", credential: nil)
        #expect(text(serverFirst).hasPrefix("r=\(Self.combinedNonce),s="))
        #expect(text(serverFirst).hasSuffix(",i=\(SCRAMCredential.defaultIterations)"))
        #expect(serverFirst == repeatedFirst)
        #expect(serverFirst != otherFirst)

        // A real client with a guessed password: the failure is the wrong-password failure.
        var client = try SCRAMSHA256ClientMechanism(
            username: "nobody", password: "guess", clientNonce: try #require(SCRAMNonce("rOprNGfwEbeRWgbNEkqO")))
        _ = try client.start()
        let clientFinal = try client.respond(to: serverFirst)
        var mutableServer = server
        #expect(mutableServer.step(clientFinal)
            == .failure(SASLFailure(reason: .invalidCredentials, serverData: bytes("e=invalid-proof"))))
    }

    @Test("the client and server machines agree end to end, with authzid and escaped names")
    func clientAndServerAgree() throws {
        let credential = try cheapCredential("s3cret=,pass")
        var client = try SCRAMSHA256ClientMechanism(
            username: "odd,user=name", password: "s3cret=,pass", authorizationIdentity: "admin,x=y",
            clientNonce: try #require(SCRAMNonce("clientnonce123")))
        var server = try makeServer()
        let clientFirst = try client.start()
        #expect(text(clientFirst) == "n,a=admin=2Cx=3Dy,n=odd=2Cuser=3Dname,r=clientnonce123")
        #expect(server.start(initialResponse: clientFirst) == .needsCredential(username: "odd,user=name"))
        let serverFirst = try #require(server.provide(credential: credential).challengeBytes)
        let clientFinal = try client.respond(to: serverFirst)
        // The channel binding echoes the GS2 header including the authzid.
        #expect(text(clientFinal).hasPrefix("c=\(encodeBase64(bytes("n,a=admin=2Cx=3Dy,")))"))
        let authentication = try #require(server.step(clientFinal).authentication)
        #expect(authentication.authorizationIdentity == "admin,x=y")
        #expect(authentication.authenticationIdentity == "odd,user=name")
        let serverFinal = try #require(authentication.finalServerData)
        #expect(try client.respond(to: serverFinal) == [])
        try client.finish(additionalData: nil)
    }

    @Test("the gs2 flag y is accepted; its channel binding must be y,,")
    func yFlag() throws {
        let credential = try cheapCredential("pencil")
        var server = try makeServer()
        #expect(server.start(initialResponse: bytes("y,,n=user,r=abc")) == .needsCredential(username: "user"))
        let serverFirst = try #require(server.provide(credential: credential).challengeBytes)
        let nonce = text(serverFirst).split(separator: ",")[0].dropFirst(2)
        // Claiming "n,," now does not match the "y,," the client started with.
        let outcome = server.step(bytes("c=biws,r=\(nonce),p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
        #expect(outcome == .failure(SASLFailure(
            reason: .channelBindingMismatch, serverData: bytes("e=channel-bindings-dont-match"))))
    }

    @Test("client-first messages the server must refuse", arguments: [
        ("p=tls-unique,,n=user,r=abc", SASLFailureReason.channelBindingNotSupported),
        ("n,,m=ext,n=user,r=abc", .unsupportedExtension),
        ("n,,n=us=2Xer,r=abc", .invalidUsername),
        ("n,,n=user=,r=abc", .invalidUsername),
        ("n,,n=,r=abc", .invalidUsername),
        ("n,,n=\u{AD},r=abc", .invalidUsername),
        ("n,,n=bell\u{7},r=abc", .invalidUsername),
        ("x,,n=user,r=abc", .malformedMessage("invalid GS2 channel binding flag")),
        ("n,user,n=user,r=abc", .malformedMessage("GS2 authorization identity must be a=<name>")),
        ("n,a=bad=,n=user,r=abc", .malformedMessage("invalid authorization identity encoding")),
        ("n,,r=abc,n=user", .malformedMessage("expected n=<username>")),
        ("n,,n=user,x=abc", .malformedMessage("expected r=<nonce>")),
        ("n,,n=user,r=", .malformedMessage("the nonce must be printable ASCII without commas")),
        ("n,,n=user,r=ab c", .malformedMessage("the nonce must be printable ASCII without commas")),
        ("n,,n=user,r=abc,1=x", .malformedMessage("invalid extension attribute")),
        ("n,,n=user", .malformedMessage("client-first-message needs a GS2 header, n= and r=")),
        ("", .malformedMessage("client-first-message needs a GS2 header, n= and r=")),
    ])
    func refusedClientFirst(message: String, reason: SASLFailureReason) throws {
        var server = try makeServer()
        let step = server.start(initialResponse: bytes(message))
        #expect(step == .failure(SASLFailure(reason: reason)))
        #expect(server.provide(credential: nil).failureReason == .unexpectedMessage)
    }

    @Test("invalid UTF-8 and oversized client-first messages are refused")
    func invalidEncodingAndSize() throws {
        var server = try makeServer()
        #expect(server.start(initialResponse: bytes("n,,n=") + [0xC3, 0x28] + bytes(",r=abc")).failureReason
            == .malformedMessage("client-first-message is not UTF-8"))
        var small = try makeServer(limits: SASLLimits(maximumNonceLength: 8))
        #expect(small.start(initialResponse: bytes("n,,n=user,r=123456789")).failureReason == .messageTooLong)
        var tiny = try makeServer(limits: SASLLimits(maximumMessageLength: 16))
        #expect(tiny.start(initialResponse: bytes("n,,n=user,r=abcdefgh")).failureReason == .messageTooLong)
        var shortNames = try makeServer(limits: SASLLimits(maximumIdentityLength: 4))
        #expect(shortNames.start(initialResponse: bytes("n,,n=users,r=abc")).failureReason == .messageTooLong)
    }

    @Test("optional extensions in client-first are ignored")
    func optionalExtensions() throws {
        var server = try makeServer()
        #expect(server.start(initialResponse: bytes("n,,n=user,r=abc,x=whatever")) == .needsCredential(username: "user"))
    }

    @Test("client-final messages the server must refuse", arguments: [
        ("c=biws,r=\(combinedNonce)X,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
         SASLFailure(reason: .nonceMismatch, serverData: bytes("e=other-error"))),
        ("c=biws,r=rOprNGfwEbeRWgbNEkqO,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
         SASLFailure(reason: .nonceMismatch, serverData: bytes("e=other-error"))),
        ("c=eSws,r=\(combinedNonce),p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
         SASLFailure(reason: .channelBindingMismatch, serverData: bytes("e=channel-bindings-dont-match"))),
        ("c=!!!!,r=\(combinedNonce),p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
         SASLFailure(reason: .malformedMessage("channel binding is not base64"), serverData: bytes("e=invalid-encoding"))),
        ("c=biws,r=\(combinedNonce),p=AAAA",
         SASLFailure(reason: .malformedMessage("proof is not a base64 SHA-256 value"), serverData: bytes("e=invalid-encoding"))),
        ("c=biws,r=\(combinedNonce)",
         SASLFailure(reason: .malformedMessage("expected c=<binding>,r=<nonce>[,extensions],p=<proof>"),
                     serverData: bytes("e=invalid-encoding"))),
        ("r=\(combinedNonce),c=biws,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
         SASLFailure(reason: .malformedMessage("expected c=<binding>,r=<nonce>[,extensions],p=<proof>"),
                     serverData: bytes("e=invalid-encoding"))),
        ("c=biws,r=\(combinedNonce),1x,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
         SASLFailure(reason: .malformedMessage("expected c=<binding>,r=<nonce>[,extensions],p=<proof>"),
                     serverData: bytes("e=invalid-encoding"))),
        ("", SASLFailure(reason: .malformedMessage("expected c=<binding>,r=<nonce>[,extensions],p=<proof>"),
                         serverData: bytes("e=invalid-encoding"))),
    ])
    func refusedClientFinal(message: String, failure: SASLFailure) throws {
        var (server, _) = try serverAfterFirst(credential: try rfcCredential())
        #expect(server.step(bytes(message)) == .failure(failure))
        #expect(server.step(bytes(message)).failureReason == .unexpectedMessage)
    }

    @Test("steps out of order fail without crashing")
    func outOfOrder() throws {
        var server = try makeServer()
        #expect(server.step(bytes("n,,n=user,r=abc")).failureReason == .unexpectedMessage)
        var waiting = try makeServer()
        _ = waiting.start(initialResponse: bytes("n,,n=user,r=abc"))
        #expect(waiting.step(bytes("c=biws")).failureReason == .unexpectedMessage)
        var twice = try makeServer()
        _ = twice.start(initialResponse: nil)
        #expect(twice.start(initialResponse: nil).failureReason == .unexpectedMessage)
    }

    @Test("an empty initial response is a malformed client-first message")
    func emptyInitialResponse() throws {
        var server = try makeServer()
        #expect(server.start(initialResponse: []).failureReason
            == .malformedMessage("client-first-message needs a GS2 header, n= and r="))
    }
}
