import Testing
@testable import SASL

@Suite("PLAIN server mechanism")
struct PlainServerMechanismTests {
    @Test("success with and without an authorization identity")
    func success() throws {
        let credential = try cheapCredential("secret")
        var plain = PlainServerMechanism()
        #expect(plain.start(initialResponse: bytes("\u{0}alice@example.org\u{0}secret"))
            == .needsCredential(username: "alice@example.org"))
        #expect(plain.provide(credential: credential) == .success(SASLAuthentication(
            authorizationIdentity: nil, authenticationIdentity: "alice@example.org", finalServerData: nil)))

        var withAuthzid = PlainServerMechanism()
        #expect(withAuthzid.start(initialResponse: nil) == .challenge([]))
        #expect(withAuthzid.step(bytes("bob@example.org\u{0}alice@example.org\u{0}secret"))
            == .needsCredential(username: "alice@example.org"))
        #expect(withAuthzid.provide(credential: credential).authentication?.authorizationIdentity == "bob@example.org")
    }

    @Test("a wrong password and an unknown user fail the same way")
    func failures() throws {
        var wrong = PlainServerMechanism()
        _ = wrong.start(initialResponse: bytes("\u{0}alice\u{0}wrong"))
        let wrongOutcome = wrong.provide(credential: try cheapCredential("secret"))
        var unknown = PlainServerMechanism()
        _ = unknown.start(initialResponse: bytes("\u{0}nobody\u{0}wrong"))
        let unknownOutcome = unknown.provide(credential: nil)
        #expect(wrongOutcome == .failure(SASLFailure(reason: .invalidCredentials)))
        #expect(unknownOutcome == wrongOutcome)
    }

    @Test("malformed messages", arguments: [
        ([UInt8](), SASLFailureReason.malformedMessage("expected [authzid] NUL authcid NUL passwd")),
        (bytes("alice secret"), .malformedMessage("expected [authzid] NUL authcid NUL passwd")),
        (bytes("\u{0}alice"), .malformedMessage("expected [authzid] NUL authcid NUL passwd")),
        (bytes("a\u{0}b\u{0}c\u{0}d"), .malformedMessage("expected [authzid] NUL authcid NUL passwd")),
        (bytes("\u{0}\u{0}secret"), .malformedMessage("empty authentication identity")),
        (bytes("\u{0}alice\u{0}"), .malformedMessage("empty password")),
        (bytes("\u{0}al") + [0xFF] + bytes("ice\u{0}secret"), .malformedMessage("authentication identity is not UTF-8")),
        (bytes("\u{0}alice\u{0}se") + [0xC0, 0x80], .malformedMessage("password is not UTF-8")),
        ([0xFE] + bytes("\u{0}alice\u{0}secret"), .malformedMessage("authorization identity is not UTF-8")),
        (bytes("\u{0}bell\u{7}\u{0}secret"), .invalidUsername),
        (bytes("\u{0}" + String(repeating: "a", count: 1025) + "\u{0}secret"), .messageTooLong),
        (bytes("\u{0}alice\u{0}" + String(repeating: "p", count: 1025)), .messageTooLong),
        (bytes(String(repeating: "z", count: 5000)), .messageTooLong),
    ])
    func malformed(message: [UInt8], reason: SASLFailureReason) {
        var plain = PlainServerMechanism()
        #expect(plain.start(initialResponse: message).failureReason == reason)
        #expect(plain.provide(credential: nil).failureReason == .unexpectedMessage)
    }

    @Test("identities up to 255 bytes are accepted (RFC 4616 §2)")
    func longIdentities() {
        let name = String(repeating: "n", count: 255)
        var plain = PlainServerMechanism()
        #expect(plain.start(initialResponse: bytes("\(name)\u{0}\(name)\u{0}\(name)")) == .needsCredential(username: name))
    }

    @Test("steps out of order fail")
    func outOfOrder() {
        var plain = PlainServerMechanism()
        #expect(plain.step(bytes("\u{0}alice\u{0}secret")).failureReason == .unexpectedMessage)
    }
}

@Suite("LOGIN server mechanism")
struct LoginServerMechanismTests {
    @Test("Username: then Password: then success")
    func success() throws {
        var login = LoginServerMechanism()
        #expect(login.start(initialResponse: nil) == .challenge(bytes("Username:")))
        #expect(login.step(bytes("alice")) == .challenge(bytes("Password:")))
        #expect(login.step(bytes("secret")) == .needsCredential(username: "alice"))
        #expect(login.provide(credential: try cheapCredential("secret")) == .success(SASLAuthentication(
            authorizationIdentity: nil, authenticationIdentity: "alice", finalServerData: nil)))
    }

    @Test("the user name may come as the initial response")
    func initialResponse() {
        var login = LoginServerMechanism()
        #expect(login.start(initialResponse: bytes("alice")) == .challenge(bytes("Password:")))
        var empty = LoginServerMechanism()
        #expect(empty.start(initialResponse: []) == .challenge(bytes("Username:")))
    }

    @Test("a wrong password and an unknown user fail the same way")
    func failures() throws {
        var wrong = LoginServerMechanism()
        _ = wrong.start(initialResponse: bytes("alice"))
        _ = wrong.step(bytes("wrong"))
        let wrongOutcome = wrong.provide(credential: try cheapCredential("secret"))
        var unknown = LoginServerMechanism()
        _ = unknown.start(initialResponse: bytes("nobody"))
        _ = unknown.step(bytes("wrong"))
        #expect(wrongOutcome == .failure(SASLFailure(reason: .invalidCredentials)))
        #expect(unknown.provide(credential: nil) == wrongOutcome)
    }

    @Test("malformed user names and passwords")
    func malformed() {
        var nulName = LoginServerMechanism()
        _ = nulName.start(initialResponse: nil)
        #expect(nulName.step(bytes("al\u{0}ice")).failureReason == .malformedMessage("NUL in user name"))
        var badPassword = LoginServerMechanism()
        _ = badPassword.start(initialResponse: bytes("alice"))
        #expect(badPassword.step([0xFF]).failureReason == .malformedMessage("password is not UTF-8"))
        var emptyPassword = LoginServerMechanism()
        _ = emptyPassword.start(initialResponse: bytes("alice"))
        #expect(emptyPassword.step([]).failureReason == .malformedMessage("empty password"))
        var longName = LoginServerMechanism(limits: SASLLimits(maximumIdentityLength: 3))
        #expect(longName.start(initialResponse: bytes("alice")).failureReason == .messageTooLong)
        var prohibited = LoginServerMechanism()
        #expect(prohibited.start(initialResponse: bytes("\u{202E}alice")).failureReason == .invalidUsername)
    }

    @Test("steps out of order fail")
    func outOfOrder() {
        var login = LoginServerMechanism()
        _ = login.start(initialResponse: bytes("alice"))
        #expect(login.provide(credential: nil).failureReason == .unexpectedMessage)
        #expect(login.step(bytes("secret")).failureReason == .unexpectedMessage)
    }
}
