import TestSupport
import MailCore
import SASL
import Testing
@testable import SMTPProtocol

/// Feeds sessions deterministic pseudo-random input — valid commands, broken ones, message
/// content, bare line endings, long lines, binary junk — cut at random places, and answers
/// their questions at random moments with random outcomes. Whatever arrives, the session must
/// not crash, must keep its buffer bounded, and must keep its promises about actions.
@Suite("SMTP session: random input")
struct RandomInputTests {
    private static let vocabulary: [String] = [
        "EHLO client.example", "HELO client.example", "EHLO [192.0.2.1]", "EHLO",
        "MAIL FROM:<a@example.net>", "MAIL FROM:<> SIZE=100 BODY=8BITMIME", "MAIL FROM:<jörg@bücher.example> SMTPUTF8",
        "MAIL FROM:<a@example.net> SIZE=99999999", "MAIL FROM:<a@example.net> RET=FULL ENVID=x+2By",
        "RCPT TO:<b@example.org>", "RCPT TO:<Postmaster>", "RCPT TO:<c@example.org> NOTIFY=SUCCESS,FAILURE",
        "RCPT TO:<@r.example:d@example.org>", "RCPT TO:<用户@例子.example>", "RCPT TO:<>",
        "DATA", "BDAT 10", "BDAT 0 LAST", "BDAT 25 LAST", "BDAT 5000", "BDAT x", "RSET", "NOOP", "VRFY root",
        "EXPN all", "HELP", "STARTTLS", "AUTH PLAIN", "AUTH PLAIN AGFsaWNlAHNlY3JldA==", "AUTH LOGIN",
        "AUTH SCRAM-SHA-256 biwsbj1hbGljZSxyPWFiYw==", "AUTH CRAM-MD5", "YWxpY2U=", "c2VjcmV0", "*", "", ".", "..",
        "Subject: hello", "XYZZY", "mail from:<A@EXAMPLE.NET>",
    ]

    /// Well-formed openings of a transaction, so that sessions reach DATA and BDAT often.
    private static let transactionOpenings: [String] = [
        "EHLO c.example\r\nMAIL FROM:<a@example.net>\r\nRCPT TO:<b@example.org>\r\n",
        "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nMAIL FROM:<a@example.net>\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\n",
        "RSET\r\nMAIL FROM:<> SIZE=500\r\nRCPT TO:<Postmaster>\r\n",
    ]

    private static let lineEndings = ["\r\n", "\r\n", "\r\n", "\n", "\r", "\r\n.\r\n", "\n.\n", "\r\n.\n"]

    private struct Driver {
        var harness: SessionHarness
        var generator: SeededGenerator
        var pending: [SMTPServerAction] = []
        var closedSeen = false
        var messageOpen = false
        var openMessageSize = 0
        var acceptedCommits = 0
        var queuedReplies = 0

        init(seed: UInt64) {
            generator = SeededGenerator(seed: seed)
            var limits = Limits.defaults
            limits.maxMessageSize = 4096
            limits.maxSMTPTextLineLength = 1000
            limits.maxRecipientsPerMessage = 4
            limits.maxBadCommands = 200
            limits.maxCommandsBeforeLogin = 200
            let tls = SMTPTLSInfo(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256")
            let choice = Int.random(in: 0..<4, using: &generator)
            let policy: SMTPServerPolicy = [.mx(), .mx(authentication: .offered), .submission(), .submissions()][choice]
            harness = SessionHarness(policy: policy, limits: limits, tls: choice == 3 ? tls : nil) {
                $0.maximumBufferedInput = 16_384
            }
            harness.senderDecision = nil
            harness.recipientDecision = nil
            harness.answersCredentialLookups = false
            harness.answersCommits = false
        }

        /// A burst of input: mostly well-formed commands (so sessions get deep into their
        /// states), message content with dots and bare line endings, BDAT chunks, and junk.
        mutating func randomInput() -> [UInt8] {
            var text: [UInt8] = []
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                switch Int.random(in: 0..<24, using: &generator) {
                case 20..<23:
                    text += Array(pick(RandomInputTests.transactionOpenings).utf8)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: text += Array("DATA\r\nSubject: t\r\n\r\n..x\r\nline\r\n.\r\n".utf8)
                    case 1: text += Array("BDAT 12 LAST\r\nSubject: t\r\n".utf8)
                    default: text += Array(("DATA\r\n" + String(repeating: "0123456789\r\n", count: 500) + ".\r\n").utf8)
                    }
                case 23:
                    text += Array(pick(["QUIT\r\n", "BDAT x\r\n", "STARTTLS\r\nEHLO c.example\r\n"]).utf8)
                case 0..<12:
                    text += Array((pick(RandomInputTests.vocabulary) + "\r\n").utf8)
                case 12..<14:
                    for _ in 0..<Int.random(in: 0...8, using: &generator) {
                        text += Array(pick(["Subject: x", ".", "..", ".hidden", "body text", "", "MAIL FROM:<x@y.example>"]).utf8)
                        text += Array(pick(RandomInputTests.lineEndings).utf8)
                    }
                    if Bool.random(using: &generator) { text += Array("\r\n.\r\n".utf8) }
                case 14..<16:
                    let octets = Int.random(in: 0...300, using: &generator)
                    text += Array("BDAT \(octets)\(Bool.random(using: &generator) ? " LAST" : "")\r\n".utf8)
                    text += (0..<octets).map { _ in UInt8.random(in: 0...255, using: &generator) }
                case 16:
                    text += (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                case 17:
                    text += (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                        [13, 10, 46, 0, 255, 65, 32][Int.random(in: 0..<7, using: &generator)]
                    }
                case 18:
                    text += [UInt8](repeating: UInt8(ascii: "L"), count: Int.random(in: 400...20_000, using: &generator))
                    text += Array("\r\n".utf8)
                default:
                    text += Array((pick(RandomInputTests.vocabulary) + pick(RandomInputTests.lineEndings)).utf8)
                }
            }
            return text
        }

        mutating func pick(_ choices: [String]) -> String {
            choices[Int.random(in: 0..<choices.count, using: &generator)]
        }

        /// Answers the open question, if any, with a random outcome.
        mutating func answer() {
            guard let awaiting = harness.session.awaiting else { return }
            let reject = SMTPReply(550, SMTPEnhancedStatusCode(5, 7, 1), "No")
            let coin = Bool.random(using: &generator)
            switch awaiting {
            case .senderCheck:
                harness.perform(harness.session.senderChecked(coin ? .accepted : .rejected(reject)))
            case .recipientCheck:
                harness.perform(harness.session.recipientChecked(coin ? .accepted : .rejected(reject)))
            case .credential:
                let credential = try? SCRAMCredential(password: "secret", salt: [1, 2, 3, 4], iterations: 16)
                harness.perform(harness.session.credentialLookedUp(coin ? credential : nil))
            case .messageCommit:
                if coin { acceptedCommits += 1 }
                harness.perform(harness.session.messageCommitted(coin ? .accepted(queueID: "Q") : .rejected(reject)))
            case .tlsHandshake:
                if coin {
                    harness.perform(harness.session.tlsEstablished(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256"))
                } else {
                    harness.perform(harness.session.connectionClosed())
                }
            }
        }

        mutating func run(steps: Int) {
            harness.start()
            for _ in 0..<steps where !harness.session.isClosed {
                let input = randomInput()
                var offset = 0
                while offset < input.count, !harness.session.isClosed {
                    let length = min(input.count - offset, Int.random(in: 1...3000, using: &generator))
                    let before = harness.actionLog.count
                    harness.sendBytes(Array(input[offset..<(offset + length)]))
                    offset += length
                    if Int.random(in: 0..<4, using: &generator) != 0 { answer() }
                    check(from: before)
                }
            }
            if !harness.session.isClosed { harness.perform(harness.session.connectionClosed()) }
            #expect(acceptedCommits == queuedReplies)
        }

        /// Checks the invariants over the actions since `start`.
        mutating func check(from start: Int) {
            let session = harness.session
            let configuration = session.configuration
            if session.awaiting == nil, !session.isClosed {
                #expect(session.framer.bufferedByteCount <= configuration.maximumAuthenticationLineLength)
            } else {
                #expect(session.framer.bufferedByteCount <= configuration.maximumBufferedInput)
            }
            for action in harness.actionLog[start...] {
                #expect(!closedSeen, "action after close: \(action)")
                switch action {
                case .send(let reply):
                    #expect((200...599).contains(reply.code))
                    let encoded = reply.encoded
                    #expect(encoded.filter { $0 == 10 }.count == max(1, reply.lines.count))
                    #expect(encoded.suffix(2) == [13, 10])
                    if reply.code == 250, reply.lines.first?.hasPrefix("OK: queued as") == true { queuedReplies += 1 }
                case .beginMessage:
                    #expect(!messageOpen)
                    messageOpen = true
                    openMessageSize = 0
                case .messageContent(let content):
                    #expect(messageOpen)
                    openMessageSize += content.count
                    #expect(openMessageSize <= configuration.limits.maxMessageSize)
                case .abortMessage, .endMessage:
                    #expect(messageOpen)
                    messageOpen = false
                case .close:
                    closedSeen = true
                case .checkSender, .checkRecipient, .lookupCredential, .startTLS, .flush:
                    break
                }
            }
            if harness.actionLog.count > 10_000 { harness.actionLog.removeFirst(harness.actionLog.count - 1000) }
        }
    }

    @Test(arguments: 0..<200)
    func randomInputKeepsTheSessionSound(seed: Int) {
        var driver = Driver(seed: UInt64(seed) &* 0x1000_0000_01B3 &+ 7)
        driver.run(steps: 40)
    }

    @Test func randomLinesNeverCrashTheParser() {
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<20_000 {
            var line = Array(Self.vocabulary[Int.random(in: 0..<Self.vocabulary.count, using: &generator)].utf8)
            for _ in 0..<Int.random(in: 0...4, using: &generator) where !line.isEmpty {
                let index = Int.random(in: 0..<line.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: line[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: line.insert(UInt8.random(in: 32...126, using: &generator), at: index)
                default: line.remove(at: index)
                }
            }
            do {
                _ = try SMTPCommandParser.parse(line, allowsUTF8Recipients: Bool.random(using: &generator))
            } catch {
                let reply = error.reply
                #expect([500, 501, 553, 555].contains(reply.code))
                #expect(reply.enhancedCode?.statusClass == 5)
            }
        }
    }
}
