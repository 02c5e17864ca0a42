import MailCore
import Testing
@testable import SMTPProtocol

/// Drives an ``SMTPClientSession`` the way the NIO glue will: feeds it a scripted server's
/// bytes, performs its actions (writing, TLS, content, enqueueing) and records everything.
struct ClientHarness {
    var session: SMTPClientSession
    /// Every byte the client sent.
    private(set) var sent: [UInt8] = []
    private var unreadSentStart = 0
    /// Every action, in order.
    private(set) var actions: [SMTPClientAction] = []
    private(set) var results: [SMTPTransactionResult] = []
    private(set) var failures: [SMTPConnectionFailure] = []
    private(set) var unsentMessages: [SMTPOutboundMessage] = []
    private(set) var closeCount = 0
    private(set) var startTLSCount = 0
    private(set) var readyCount = 0
    /// Messages ``SMTPClientSession/enqueue(_:)`` refused because the session was over.
    private(set) var refusedMessages: [SMTPOutboundMessage] = []

    /// How ``SMTPClientAction/startTLS`` is answered: `nil` leaves it to the test.
    var tlsHandshake: TLSHandshakeOutcome? = .succeeds
    /// Content of each message by identifier, streamed in pieces of ``chunkSize``.
    var contents: [String: [UInt8]] = [:]
    var chunkSize = 7
    private var contentOffset = 0
    private var contentIdentifier: String?
    /// Messages handed over one by one on ``SMTPClientAction/readyForNextMessage``; when none
    /// is left and ``quitsWhenIdle`` is set, the harness calls ``SMTPClientSession/quit()``.
    var nextMessages: [SMTPOutboundMessage] = []
    var quitsWhenIdle = true

    enum TLSHandshakeOutcome { case succeeds, fails(String) }

    init(
        tlsPolicy: SMTPClientTLSPolicy = .opportunistic, credentials: SMTPClientCredentials? = nil,
        usesPipelining: Bool = true, limits: SMTPClientLimits = .defaults, implicitTLS: Bool = false
    ) {
        let configuration = SMTPClientConfiguration(
            helloName: Self.helloName, tlsPolicy: tlsPolicy, credentials: credentials,
            usesPipelining: usesPipelining, limits: limits)
        session = SMTPClientSession(configuration: configuration, implicitTLS: implicitTLS)
    }

    static let helloName = SMTPHelloName("mail.sender.example") ?? SMTPHelloName("[192.0.2.1]")!

    // MARK: Driving

    /// Feeds the server's `text` and returns what the client sent in response.
    @discardableResult
    mutating func server(_ text: String) -> String {
        serverBytes(Array(text.utf8))
    }

    @discardableResult
    mutating func serverBytes(_ bytes: [UInt8]) -> String {
        perform(session.receive(bytes))
        return takeSent()
    }

    /// Enqueues messages and returns what the client sent at once.
    @discardableResult
    mutating func enqueue(_ messages: SMTPOutboundMessage...) -> String {
        for message in messages {
            do {
                perform(try session.enqueue(message))
            } catch {
                refusedMessages.append(message)
            }
        }
        return takeSent()
    }

    /// The client's output since the last call.
    mutating func takeSent() -> String {
        defer { unreadSentStart = sent.count }
        return String(decoding: sent[unreadSentStart...], as: UTF8.self)
    }

    mutating func perform(_ initial: [SMTPClientAction]) {
        var pending = initial[...]
        while let action = pending.popFirst() {
            actions.append(action)
            var follow: [SMTPClientAction] = []
            switch action {
            case .send(let bytes):
                sent += bytes
            case .startTLS:
                startTLSCount += 1
                switch tlsHandshake {
                case .succeeds: follow = session.tlsEstablished()
                case .fails(let reason): follow = session.tlsFailed(reason: reason)
                case nil: break
                }
            case .readContent:
                follow = nextContent()
            case .transactionFinished(let result):
                results.append(result)
                contentIdentifier = nil
            case .readyForNextMessage:
                readyCount += 1
                if let message = nextMessages.first {
                    // The session may have closed later in the same batch: then it throws and
                    // the message stays to be sent elsewhere.
                    if let actions = try? session.enqueue(message) {
                        nextMessages.removeFirst()
                        follow = actions
                    }
                } else if quitsWhenIdle {
                    follow = session.quit()
                }
            case .connectionFailed(let failure, let unsent):
                failures.append(failure)
                unsentMessages += unsent
            case .close:
                closeCount += 1
            }
            pending = (follow + pending)[...]
        }
    }

    private mutating func nextContent() -> [SMTPClientAction] {
        let identifier = currentMessageIdentifier
        if contentIdentifier != identifier {
            contentIdentifier = identifier
            contentOffset = 0
        }
        let content = identifier.flatMap { contents[$0] } ?? []
        guard contentOffset < content.count else { return session.endContent() }
        let end = min(content.count, contentOffset + max(1, chunkSize))
        let piece = content[contentOffset..<end]
        contentOffset = end
        return session.provideContent(piece)
    }

    private var currentMessageIdentifier: String? { session.transaction?.message.identifier }

    // MARK: Reading results

    /// The outcomes of the message with this identifier, by recipient address text.
    func outcomes(of identifier: String) -> [String: SMTPRecipientOutcome] {
        var outcomes: [String: SMTPRecipientOutcome] = [:]
        for result in results where result.message.identifier == identifier {
            for recipient in result.recipientResults { outcomes[recipient.recipient.path.description] = recipient.outcome }
        }
        return outcomes
    }

    /// How often each message was reported (finished or unsent).
    var reportCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for result in results { counts[result.message.identifier, default: 0] += 1 }
        for message in unsentMessages { counts[message.identifier, default: 0] += 1 }
        return counts
    }
}

// MARK: - Building messages and replies

enum Fixtures {
    static func address(_ text: String) -> EmailAddress {
        (try? EmailAddress(parsing: text)) ?? (try? EmailAddress(localPart: "invalid", domain: "invalid.example"))!
    }

    static func message(
        _ identifier: String = "M1", from sender: String? = "alice@sender.example",
        to recipients: [String] = ["bob@receiver.example"], size: Int = 100, eightBit: Bool = false,
        utf8Header: Bool = false, returnContent: SMTPReturnContent? = nil, envelopeID: String? = nil,
        recipientParameters: SMTPRecipientParameters = SMTPRecipientParameters()
    ) -> SMTPOutboundMessage {
        SMTPOutboundMessage(
            identifier: identifier, sender: sender.map { .mailbox(address($0)) } ?? .null,
            recipients: recipients.map { SMTPEnvelopeRecipient(path: .mailbox(address($0)), parameters: recipientParameters) },
            size: size, containsEightBitData: eightBit, headerRequiresSMTPUTF8: utf8Header,
            returnContent: returnContent, envelopeID: envelopeID)
    }

    /// An EHLO reply advertising `keywords`.
    static func ehlo(_ keywords: [String]) -> String {
        let lines = ["mx.receiver.example"] + keywords
        return lines.enumerated().map { index, line in
            (index == lines.count - 1 ? "250 " : "250-") + line + "\r\n"
        }.joined()
    }

    static let greeting = "220 mx.receiver.example ESMTP\r\n"
    static let fullExtensions = [
        "PIPELINING", "SIZE 10000", "8BITMIME", "SMTPUTF8", "DSN", "ENHANCEDSTATUSCODES", "CHUNKING",
    ]
}

extension SMTPRecipientOutcome {
    /// `delivered`, `deferred` or `failed` with the code that decided it, for compact expectations.
    var brief: String {
        switch self {
        case .delivered(let reply): "delivered \(reply.code)"
        case .deferred(let problem): "deferred \(problem.serverReply.map { "\($0.code)" } ?? "local")"
        case .failed(let problem): "failed \(problem.serverReply.map { "\($0.code)" } ?? "local")"
        }
    }
}
