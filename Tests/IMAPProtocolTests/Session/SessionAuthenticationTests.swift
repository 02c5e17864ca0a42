import Foundation
import MailCore
import MailStore
import SASL
import TestSupport
import Testing
@testable import IMAPProtocol

@Suite("IMAP session: LOGIN, AUTHENTICATE, STARTTLS")
struct SessionAuthenticationTests {
    private func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    @Test("LOGIN with the right password logs in and binds the account")
    func loginSucceeds() async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            let reply = await driver.command("a LOGIN \"bob@example.test\" secret")
            #expect(reply.hasPrefix("a OK [CAPABILITY "))
            #expect(reply.hasSuffix("] LOGIN completed\r\n"))
            #expect(driver.session.state == .authenticated)
            #expect(driver.session.authenticatedUsername == "bob@example.test")
            #expect(driver.account?.id == account.id)
        }
    }

    @Test("a wrong password or an unknown user fail alike; the third failure closes")
    func loginFails() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            #expect(await driver.command("a LOGIN bob@example.test wrong") == "a NO [AUTHENTICATIONFAILED] Invalid credentials\r\n")
            #expect(await driver.command("b LOGIN nobody@example.test secret") == "b NO [AUTHENTICATIONFAILED] Invalid credentials\r\n")
            #expect(driver.session.state == .notAuthenticated)
            let third = await driver.command("c LOGIN bob@example.test nope")
            #expect(third == "c NO [AUTHENTICATIONFAILED] Invalid credentials\r\n* BYE Too many failed authentication attempts\r\n")
            #expect(driver.closed)
        }
    }

    @Test("before TLS LOGIN and AUTHENTICATE PLAIN are refused without looking anything up")
    func plaintextRefused() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture, tls: false)
            _ = await driver.start()
            #expect(await driver.command("a LOGIN bob@example.test secret")
                == "a NO [PRIVACYREQUIRED] LOGIN is disabled before TLS; use STARTTLS first\r\n")
            #expect(await driver.command("b AUTHENTICATE PLAIN \(base64("\0bob@example.test\0secret"))")
                == "b NO [PRIVACYREQUIRED] PLAIN is disabled before TLS; use STARTTLS first\r\n")
            #expect(driver.credentialLookups.isEmpty)
        }
    }

    @Test("AUTHENTICATE PLAIN with an initial response (SASL-IR) and without one")
    func authenticatePlain() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            let reply = await driver.command("a AUTHENTICATE PLAIN \(base64("\0bob@example.test\0secret"))")
            #expect(reply.hasSuffix("] AUTHENTICATE completed\r\n"))

            var other = IMAPSessionDriver(fixture)
            _ = await other.start()
            #expect(await other.command("b AUTHENTICATE plain") == "+ \r\n")
            let done = await other.send(base64("\0bob@example.test\0secret") + "\r\n")
            #expect(done.hasPrefix("b OK [CAPABILITY"))
        }
    }

    @Test("SCRAM-SHA-256 runs to the end: the server's final data is a challenge answered by an empty line")
    func authenticateSCRAM() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture, tls: false)
            _ = await driver.start()
            var generator = SeededGenerator(seed: 9)
            var client = try SCRAMSHA256ClientMechanism(username: "bob@example.test", password: "secret",
                                                        clientNonce: SCRAMNonce.random(using: &generator))
            let first = try client.start()
            let challenge = await driver.command("a AUTHENTICATE SCRAM-SHA-256 \(Data(first).base64EncodedString())")
            #expect(challenge.hasPrefix("+ "))
            let serverFirst = try #require(Data(base64Encoded: String(challenge.dropFirst(2).dropLast())))
            let clientFinal = try client.respond(to: Array(serverFirst))
            let finalChallenge = await driver.send(Data(clientFinal).base64EncodedString() + "\r\n")
            #expect(finalChallenge.hasPrefix("+ "))
            let serverFinal = try #require(Data(base64Encoded: String(finalChallenge.dropFirst(2).dropLast())))
            try client.finish(additionalData: Array(serverFinal))
            let done = await driver.send("\r\n")
            #expect(done.hasSuffix("] AUTHENTICATE completed\r\n"))
            #expect(driver.session.authenticatedUsername == "bob@example.test")
        }
    }

    @Test("`*` cancels an exchange with BAD; invalid base64 fails it with BAD; unknown mechanisms get NO")
    func authenticateCancelledOrMalformed() async throws {
        try await withSessionStore { fixture in
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            #expect(await driver.command("a AUTHENTICATE PLAIN") == "+ \r\n")
            #expect(await driver.send("*\r\n") == "a BAD Authentication cancelled\r\n")
            #expect(await driver.command("b AUTHENTICATE PLAIN") == "+ \r\n")
            #expect(await driver.send("!!!\r\n").hasPrefix("b BAD "))
            #expect(await driver.command("c AUTHENTICATE X-NOTHING") == "c NO Unsupported authentication mechanism\r\n")
            #expect(driver.session.failedAuthenticationCount == 2)
            #expect(await driver.command("d NOOP") == "d OK NOOP completed\r\n")
        }
    }

    @Test("acting as another user is refused")
    func authorizationIdentity() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            try await fixture.addUser("alice")
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            let reply = await driver.command("a AUTHENTICATE PLAIN \(base64("alice@example.test\0bob@example.test\0secret"))")
            #expect(reply == "a NO [AUTHORIZATIONFAILED] Acting as another user is not allowed\r\n")
            #expect(driver.session.state == .notAuthenticated)
        }
    }

    @Test("STARTTLS: OK, then the handshake; octets pipelined after it are discarded, never read as commands")
    func startTLS() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture, tls: false)
            _ = await driver.start()
            let reply = await driver.send("a STARTTLS\r\nb LOGIN bob@example.test secret\r\n")
            #expect(reply == "a OK Begin TLS negotiation now\r\n")
            #expect(driver.tlsRequested)
            #expect(driver.session.awaiting == .tlsHandshake)
            #expect(driver.session.plaintextBytesDiscardedAtSTARTTLS == 33)
            #expect(await driver.send("c NOOP\r\n") == "", "plaintext read before the handshake is dropped")
            await driver.perform(driver.session.tlsEstablished())
            #expect(driver.session.isTLSActive)
            #expect(driver.credentialLookups.isEmpty)
            let capability = await driver.command("d CAPABILITY")
            #expect(!capability.contains("STARTTLS") && !capability.contains("LOGINDISABLED"))
            #expect(capability.contains("AUTH=PLAIN"))
            #expect(await driver.command("e LOGIN bob@example.test secret").contains("e OK"))
        }
    }

    @Test("STARTTLS is refused where the listener does not offer it")
    func startTLSNotOffered() async throws {
        try await withSessionStore { fixture in
            var driver = IMAPSessionDriver(fixture, configuration: .testing { $0.offersSTARTTLS = false }, tls: false)
            let greeting = await driver.start()
            #expect(!greeting.contains("STARTTLS"))
            #expect(await driver.send("a STARTTLS\r\nb NOOP\r\n") == "a BAD STARTTLS is not available\r\nb OK NOOP completed\r\n")
        }
    }
}
