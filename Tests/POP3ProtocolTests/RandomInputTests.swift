import SASL
import TestSupport
import Testing
@testable import POP3Protocol

/// Feeds sessions deterministic pseudo-random input — valid commands, broken ones, AUTH
/// exchanges, binary junk, long lines — cut at random places, and answers their questions at
/// random moments with random outcomes. Whatever arrives, the session must not crash, must
/// keep its buffer bounded, must write only well-formed lines, and must keep its promises
/// about the maildrop.
@Suite("POP3 session: random input")
struct RandomInputTests {
    fileprivate static let vocabulary: [String] = [
        "USER alice", "PASS secret", "PASS wrong", "USER", "PASS", "APOP alice c4c9334bac560ecc979e58001b3e22fb",
        "AUTH", "AUTH PLAIN", "AUTH PLAIN AGFsaWNlAHNlY3JldA==", "AUTH PLAIN =", "AUTH SCRAM-SHA-256",
        "AUTH SCRAM-SHA-256 biwsbj1hbGljZSxyPWFiYw==", "AUTH LOGIN", "AUTH X", "AGFsaWNlAHNlY3JldA==", "*", "",
        "CAPA", "STLS", "STAT", "LIST", "LIST 1", "LIST 0", "LIST 99999999999999999999", "RETR 1", "RETR 2",
        "RETR 9", "DELE 1", "DELE 2", "DELE 3", "NOOP", "RSET", "TOP 1 0", "TOP 2 1", "TOP 3 999999", "TOP 1",
        "UIDL", "UIDL 2", "QUIT", ".", "..", "XTND", "retr 1", "list   2 ", "TOP 1 -1",
    ]

    fileprivate static let lineEndings = ["\r\n", "\r\n", "\r\n", "\n", "\r", ""]

    private struct Driver {
        var harness: POP3Harness
        var generator: SeededGenerator
        var pending: [POP3ServerAction] = []
        var openRequests = 0
        var refusedOpens = 0
        var releases = 0
        var transfers = 0
        var commits = 0
        var wire: [UInt8] = []

        init(seed: UInt64) {
            generator = SeededGenerator(seed: seed)
            let choice = Int.random(in: 0..<3, using: &generator)
            harness = POP3Harness(plaintext: choice == 1, tls: choice == 2 ? POP3Harness.implicitTLS : nil) {
                $0.offersAPOP = true
                $0.limits.maximumBadCommands = 200
                $0.limits.maximumCommandsBeforeLogin = 200
                $0.limits.maximumAuthenticationFailures = 50
                $0.limits.maximumBufferedInput = 8192
                $0.limits.maximumAuthenticationLineLength = 1024
            }
        }

        mutating func randomInput() -> [UInt8] {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0:
                return (0..<Int.random(in: 1...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            case 1:
                return Array(repeating: UInt8(ascii: "A"), count: Int.random(in: 200...1500, using: &generator))
            case 2:
                return Array("USER alice\r\nPASS secret\r\n".utf8)
            default:
                let line = RandomInputTests.vocabulary.randomElement(using: &generator) ?? ""
                let ending = RandomInputTests.lineEndings.randomElement(using: &generator) ?? "\r\n"
                return Array((line + ending).utf8)
            }
        }

        /// Answers a question with a random outcome.
        mutating func answer(_ action: POP3ServerAction) -> [POP3ServerAction] {
            switch action {
            case .lookupCredential(let username):
                let credential = Int.random(in: 0..<4, using: &generator) > 0 ? POP3Harness.credential : nil
                return harness.session.credentialLookedUp(username == "alice" ? credential : nil)
            case .lookupAPOPSecret:
                return harness.session.apopSecretLookedUp(Bool.random(using: &generator) ? "tanstaaf" : nil)
            case .openMaildrop:
                let outcomes: [POP3MaildropOutcome] = [
                    .opened(POP3Harness.sampleMaildrop), .opened(POP3Harness.sampleMaildrop),
                    .opened(POP3Harness.sampleMaildrop), .opened(POP3Maildrop(messages: [])), .inUse, .loginDelay,
                    .temporaryFailure, .permanentFailure,
                ]
                let outcome = outcomes.randomElement(using: &generator) ?? .inUse
                if case .opened = outcome {} else if harness.session.awaiting == .maildrop { refusedOpens += 1 }
                return harness.session.maildropOpened(outcome)
            case .sendMessage(let transfer):
                transfers += 1
                let outcomes: [POP3MessageTransferOutcome] = [.sent, .sent, .messageMissing, .readFailed]
                let outcome = outcomes.randomElement(using: &generator) ?? .sent
                if outcome == .sent {
                    wire += transfer.response.encoded
                    wire += POP3MultilineEncoder.encodeWhole(
                        POP3Harness.sampleContents[transfer.uid] ?? [], bodyLineLimit: transfer.bodyLineLimit)
                }
                return harness.session.messageTransferred(outcome)
            case .commitDeletions:
                commits += 1
                return harness.session.deletionsCommitted(Bool.random(using: &generator) ? .committed : .failed)
            case .startTLS:
                return harness.session.tlsEstablished(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256")
            case .send(let response):
                wire += response.encoded
            case .releaseMaildrop:
                releases += 1
            case .flush, .close:
                break
            }
            return []
        }

        /// Whether the glue has to call back for `action`.
        private static func isQuestion(_ action: POP3ServerAction) -> Bool {
            switch action {
            case .send, .flush, .releaseMaildrop, .close: return false
            default: return true
            }
        }

        mutating func run(steps: Int) {
            pending += harness.session.start()
            for _ in 0..<steps {
                performPending()
                if harness.session.isClosed { break }
                pending += harness.session.receive(randomInput())
                #expect(harness.session.framer.bufferedByteCount <= 8192 + 1500)
            }
            performPending(answeringEverything: true)
            pending += harness.session.connectionClosed()
            performPending(answeringEverything: true)
        }

        /// Performs pending actions; a question is sometimes left open while more input comes.
        mutating func performPending(answeringEverything: Bool = false) {
            while let action = pending.first {
                if Self.isQuestion(action), !answeringEverything, Int.random(in: 0..<3, using: &generator) == 0 {
                    return
                }
                pending.removeFirst()
                if case .openMaildrop = action { openRequests += 1 }
                pending += answer(action)
            }
        }
    }

    @Test("random input never crashes and yields only well-formed lines", arguments: Array(1...40) as [UInt64])
    func randomSessions(seed: UInt64) {
        var driver = Driver(seed: seed)
        driver.run(steps: 300)
        #expect(driver.harness.session.isClosed)
        // Every maildrop open that was not refused is released exactly once.
        #expect(driver.releases == driver.openRequests - driver.refusedOpens)
        // Everything written is CRLF-terminated lines of at most 512 octets (RFC 2449 §4),
        // apart from message content.
        let text = driver.wire
        #expect(text.isEmpty || text.suffix(2) == [13, 10])
        var lineStart = 0
        for index in text.indices where text[index] == 10 {
            #expect(index > lineStart && text[index - 1] == 13)
            lineStart = index + 1
        }
        let statusLines = String(decoding: text, as: UTF8.self).components(separatedBy: "\r\n")
            .filter { $0.hasPrefix("+OK") || $0.hasPrefix("-ERR") }
        #expect(statusLines.allSatisfy { $0.utf8.count <= 510 })
    }

    @Test("random sessions reach every state and every question")
    func coverage() {
        var totals = (opens: 0, transfers: 0, commits: 0)
        for seed in 1...40 as ClosedRange<UInt64> {
            var driver = Driver(seed: seed)
            driver.run(steps: 300)
            totals.opens += driver.openRequests - driver.refusedOpens
            totals.transfers += driver.transfers
            totals.commits += driver.commits
        }
        #expect(totals.opens > 0)
        #expect(totals.transfers > 0)
        #expect(totals.commits > 0)
    }
}
