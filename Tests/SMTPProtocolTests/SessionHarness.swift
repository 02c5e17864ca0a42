import TestSupport
import MailCore
import SASL
import Testing
@testable import SMTPProtocol

/// Drives an ``SMTPServerSession`` the way the NIO glue will: feeds it bytes, performs its
/// actions, and answers its questions with the decisions a test sets.
struct SessionHarness {
    var session: SMTPServerSession
    /// Every reply sent, in order.
    var replies: [SMTPReply] = []
    /// Replies sent since the last call to ``takeReplies()``.
    private var newReplies: [SMTPReply] = []
    var flushCount = 0
    var envelopes: [SMTPEnvelope] = []
    /// Content of messages handed over for commit.
    var committedMessages: [[UInt8]] = []
    var abortedMessageCount = 0
    var openMessage: [UInt8]?
    var credentialRequests: [String] = []
    var startTLSRequested = false
    var closed = false
    /// Actions in the order they arrived (for tests about ordering).
    var actionLog: [SMTPServerAction] = []

    /// Answers; `nil` leaves the question open for the test to answer by hand.
    var senderDecision: ((SMTPSenderCheck) -> SMTPCheckDecision)? = { _ in .accepted }
    var recipientDecision: ((SMTPRecipientCheck) -> SMTPCheckDecision)? = { _ in .accepted }
    var credentials: [String: SCRAMCredential] = [:]
    var answersCredentialLookups = true
    var commitOutcome: (() -> SMTPCommitOutcome)? = nil
    var answersCommits = true
    var commitCounter = 0

    init(
        policy: SMTPServerPolicy = .mx(), limits: Limits = .defaults, tls: SMTPTLSInfo? = nil,
        configure: (inout SMTPServerConfiguration) -> Void = { _ in }
    ) {
        var configuration = Self.configuration(policy: policy, limits: limits)
        configure(&configuration)
        session = SMTPServerSession(configuration: configuration, remoteAddress: "192.0.2.7", tls: tls)
    }

    static func configuration(policy: SMTPServerPolicy, limits: Limits = .defaults) -> SMTPServerConfiguration {
        let context = SASLServerContext(
            limits: .standard, unknownUserSaltKey: Array(repeating: 7, count: 32),
            makeNonce: {
                var generator = SeededGenerator(seed: 42)
                return SCRAMNonce.random(using: &generator)
            })
        return SMTPServerConfiguration(
            hostname: "mx.example.org", policy: policy, limits: limits,
            mechanisms: .standard(context: context),
            now: { MessageDate(secondsSinceEpoch: 1_700_000_000) })
    }

    /// Starts the session (greeting).
    @discardableResult
    mutating func start() -> [SMTPReply] {
        perform(session.start())
        return takeReplies()
    }

    /// Sends `text` as raw bytes and returns the replies it produced.
    @discardableResult
    mutating func send(_ text: String) -> [SMTPReply] {
        sendBytes(Array(text.utf8))
    }

    @discardableResult
    mutating func sendBytes(_ bytes: [UInt8]) -> [SMTPReply] {
        perform(session.receive(bytes))
        return takeReplies()
    }

    /// Sends one command line and returns the replies it produced.
    @discardableResult
    mutating func command(_ line: String) -> [SMTPReply] {
        send(line + "\r\n")
    }

    /// The single reply to `line` (or the last, if several).
    mutating func reply(to line: String) -> SMTPReply? {
        command(line).last
    }

    mutating func takeReplies() -> [SMTPReply] {
        defer { newReplies = [] }
        return newReplies
    }

    /// EHLO, then a transaction up to its accepted recipients.
    mutating func openTransaction(from sender: String = "<alice@example.net>", to recipients: [String] = ["<bob@example.org>"]) {
        command("EHLO client.example.net")
        command("MAIL FROM:\(sender)")
        for recipient in recipients { command("RCPT TO:\(recipient)") }
        _ = takeReplies()
    }

    mutating func perform(_ actions: [SMTPServerAction]) {
        for action in actions {
            actionLog.append(action)
            switch action {
            case .send(let reply):
                replies.append(reply)
                newReplies.append(reply)
            case .flush:
                flushCount += 1
            case .checkSender(let check):
                if let senderDecision { perform(session.senderChecked(senderDecision(check))) }
            case .checkRecipient(let check):
                if let recipientDecision { perform(session.recipientChecked(recipientDecision(check))) }
            case .lookupCredential(let username):
                credentialRequests.append(username)
                if answersCredentialLookups { perform(session.credentialLookedUp(credentials[username])) }
            case .startTLS:
                startTLSRequested = true
            case .beginMessage(let envelope):
                if openMessage != nil { Issue.record("beginMessage while a message is open") }
                envelopes.append(envelope)
                openMessage = []
            case .messageContent(let content):
                if openMessage == nil { Issue.record("content outside a message") }
                openMessage?.append(contentsOf: content)
            case .abortMessage:
                if openMessage == nil { Issue.record("abortMessage outside a message") }
                openMessage = nil
                abortedMessageCount += 1
            case .endMessage:
                if openMessage == nil { Issue.record("endMessage outside a message") }
                committedMessages.append(openMessage ?? [])
                openMessage = nil
                commitCounter += 1
                if answersCommits {
                    let outcome = commitOutcome?() ?? .accepted(queueID: "Q\(commitCounter)")
                    perform(session.messageCommitted(outcome))
                }
            case .close:
                closed = true
            }
        }
    }
}


extension SMTPReply {
    /// `code enhanced` as text, e.g. "250 2.1.0", for compact expectations.
    var status: String {
        "\(code)" + (enhancedCode.map { " \($0)" } ?? "")
    }
}

extension Limits {
    /// The defaults with one limit changed.
    static func with(_ limit: WritableKeyPath<Limits, Int>, _ value: Int) -> Limits {
        var limits = Limits.defaults
        limits[keyPath: limit] = value
        return limits
    }
}
