import Foundation
import MailCore
import MailStore
import TestSupport
import Testing
@testable import IMAPProtocol

@Suite("IMAP session: hostile input")
struct SessionHostileInputTests {
    private static let fragments = [
        "a LOGIN bob@example.test secret\r\n", "b SELECT INBOX\r\n", "c STORE 1:* +FLAGS (\\Seen)\r\n", "d FETCH 1 BODY[]\r\n",
        "e APPEND INBOX {5+}\r\nhello\r\n", "f IDLE\r\n", "DONE\r\n", "g AUTHENTICATE PLAIN\r\n", "*\r\n",
        "h LIST \"\" \"*%*%*%*%*%*%*%*%*%*%*%\"\r\n", "i UID EXPUNGE 1:*\r\n", "j MOVE 1 Trash\r\n", "k COPY 99 Trash\r\n",
        "l STATUS \"../x\" (MESSAGES)\r\n", "m CREATE \"&&-&\"\r\n", "{99999999999}\r\n", "n APPEND INBOX {3}\r\n",
        "o ENABLE QRESYNC\r\n", "p SELECT INBOX (QRESYNC (1 1 1:*))\r\n", "q UID STORE $ FLAGS ()\r\n", "\u{0}\u{ff}\r\n",
        "r EXAMINE INBOX\r\n", "s CLOSE\r\n", "t LOGOUT\r\n", "u RENAME INBOX INBOX\r\n", "v DELETE Trash\r\n",
    ]

    @Test("random sequences of valid and broken commands never crash and never leave the session stuck",
          arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomCommands(seed: UInt64) async throws {
        try await withSessionStore { fixture in
            let account = try await fixture.addUser("bob")
            for _ in 1...3 { try await fixture.deliver(to: account) }
            var generator = SeededGenerator(seed: seed)
            var driver = IMAPSessionDriver(fixture)
            _ = await driver.start()
            for _ in 0..<60 where !driver.closed {
                let fragment = Self.fragments[Int.random(in: 0..<Self.fragments.count, using: &generator)]
                var bytes = Array(fragment.utf8)
                if Bool.random(using: &generator) && bytes.count > 2 {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                _ = await driver.sendBytes(bytes)
                #expect(driver.session.awaiting == nil || driver.closed)
            }
            #expect(driver.session.badCommandCount <= Limits.defaults.maxBadCommands)
            #expect(driver.closed == (driver.session.state == .logout))
        }
    }

    @Test("random bytes in random pieces")
    func randomBytes() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var generator = SeededGenerator(seed: 77)
            for _ in 0..<20 {
                var driver = IMAPSessionDriver(fixture)
                _ = await driver.start()
                for _ in 0..<40 where !driver.closed {
                    let count = Int.random(in: 1...64, using: &generator)
                    let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    _ = await driver.sendBytes(bytes)
                }
                #expect(driver.session.badCommandCount <= Limits.defaults.maxBadCommands)
            }
        }
    }

    @Test("a client that pipelines a lot while an answer is awaited is disconnected")
    func bufferedInputBound() async throws {
        try await withSessionStore { fixture in
            try await fixture.addUser("bob")
            var driver = IMAPSessionDriver(fixture, configuration: .testing { $0.maximumBufferedInput = 4096 })
            await driver.logIn("bob")
            driver.answersRequests = false
            let flood = "a STATUS INBOX (MESSAGES)\r\n" + String(repeating: "b NOOP\r\n", count: 1000)
            let reply = await driver.send(flood)
            #expect(reply == "* BYE Too much input sent without waiting\r\n")
            #expect(driver.closed)
        }
    }
}
