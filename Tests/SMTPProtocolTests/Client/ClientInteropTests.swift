import MailCore
import SASL
import TestSupport
import Testing
@testable import SMTPProtocol

/// The client session talking to the server session, both pure, the bytes between them
/// carried in memory in pieces of random size.
struct InteropPipe {
    var client: SMTPClientSession
    var server: SMTPServerSession
    var generator: SeededGenerator
    /// Content of each message by identifier.
    var contents: [String: [UInt8]] = [:]
    /// Messages handed to the client when it is ready; then it is told to quit.
    var messages: [SMTPOutboundMessage] = []
    /// The server's decision for each RCPT.
    var recipientDecision: (SMTPRecipientCheck) -> SMTPCheckDecision = { _ in .accepted }
    var credentials: [String: SCRAMCredential] = [:]

    private(set) var results: [SMTPTransactionResult] = []
    private(set) var failures: [SMTPConnectionFailure] = []
    private(set) var committed: [(envelope: SMTPEnvelope, content: [UInt8])] = []
    private(set) var clientCloseCount = 0
    private(set) var serverClosed = false
    private(set) var serverReplies: [SMTPReply] = []

    private var toServer: [UInt8] = []
    private var toClient: [UInt8] = []
    private var unflushed: [UInt8] = []
    private var openEnvelope: SMTPEnvelope?
    private var openContent: [UInt8] = []
    private var contentOffset = 0

    init(client configuration: SMTPClientConfiguration, server policy: SMTPServerPolicy, limits: Limits = .defaults, seed: UInt64) {
        client = SMTPClientSession(configuration: configuration)
        server = SMTPServerSession(
            configuration: SessionHarness.configuration(policy: policy, limits: limits), remoteAddress: "192.0.2.9")
        generator = SeededGenerator(seed: seed)
    }

    mutating func run() {
        performServer(server.start())
        var steps = 0
        while steps < 100_000 {
            steps += 1
            if !toClient.isEmpty {
                let size = pieceSize(available: toClient.count)
                let piece = Array(toClient.prefix(size))
                toClient.removeFirst(size)
                performClient(client.receive(piece))
            } else if !toServer.isEmpty {
                let size = pieceSize(available: toServer.count)
                let piece = Array(toServer.prefix(size))
                toServer.removeFirst(size)
                performServer(server.receive(piece))
            } else if serverClosed, !client.isClosed {
                performClient(client.connectionClosed())
            } else {
                return
            }
        }
        Issue.record("the conversation did not end")
    }

    private mutating func pieceSize(available: Int) -> Int {
        Int.random(in: 1...max(1, min(available, 64)), using: &generator)
    }

    private mutating func performClient(_ initial: [SMTPClientAction]) {
        var pending = initial[...]
        while let action = pending.popFirst() {
            var follow: [SMTPClientAction] = []
            switch action {
            case .send(let bytes):
                toServer += bytes
            case .startTLS:
                // The handshake: both ends learn of it before anything else is read.
                performServer(server.tlsEstablished(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256"))
                follow = client.tlsEstablished()
            case .readContent:
                let identifier = client.transaction?.message.identifier ?? ""
                let content = contents[identifier] ?? []
                if contentOffset < content.count {
                    let end = min(content.count, contentOffset + Int.random(in: 1...300, using: &generator))
                    follow = client.provideContent(content[contentOffset..<end])
                    contentOffset = end
                } else {
                    contentOffset = 0
                    follow = client.endContent()
                }
            case .transactionFinished(let result):
                results.append(result)
                contentOffset = 0
            case .readyForNextMessage:
                if messages.isEmpty {
                    follow = client.quit()
                } else if let actions = try? client.enqueue(messages[0]) {
                    messages.removeFirst()
                    follow = actions
                }
            case .connectionFailed(let failure, _):
                failures.append(failure)
            case .close:
                clientCloseCount += 1
                if !serverClosed { performServer(server.connectionClosed()) }
            }
            pending = (follow + pending)[...]
        }
    }

    private mutating func performServer(_ initial: [SMTPServerAction]) {
        var pending = initial[...]
        while let action = pending.popFirst() {
            var follow: [SMTPServerAction] = []
            switch action {
            case .send(let reply):
                serverReplies.append(reply)
                unflushed += reply.encoded
            case .flush:
                toClient += unflushed
                unflushed = []
            case .checkSender:
                follow = server.senderChecked(.accepted)
            case .checkRecipient(let check):
                follow = server.recipientChecked(recipientDecision(check))
            case .lookupCredential(let username):
                follow = server.credentialLookedUp(credentials[username])
            case .startTLS:
                break
            case .beginMessage(let envelope):
                openEnvelope = envelope
                openContent = []
            case .messageContent(let bytes):
                openContent += bytes
            case .abortMessage:
                openEnvelope = nil
            case .endMessage:
                if let openEnvelope { committed.append((openEnvelope, openContent)) }
                openEnvelope = nil
                follow = server.messageCommitted(.accepted(queueID: "Q\(committed.count)"))
            case .close:
                serverClosed = true
            }
            pending = (follow + pending)[...]
        }
    }

    func outcomes(of identifier: String) -> [String: String] {
        var outcomes: [String: String] = [:]
        for result in results where result.message.identifier == identifier {
            for recipient in result.recipientResults { outcomes[recipient.recipient.path.description] = recipient.outcome.brief }
        }
        return outcomes
    }
}

@Suite("SMTP client: talking to the server session")
struct ClientInteropTests {
    private static let hello = ClientHarness.helloName

    private static let tricky = Array((
        "From: alice@sender.example\r\nSubject: dots\r\n\r\n.leading dot\r\n..two dots\r\n.\r\nbare\nfeed\r\n"
            + String(repeating: "filler line of text\r\n", count: 40) + ".\r\nlast line without ending").utf8)

    /// What the server must store for `tricky`: the same text with CRLF line endings and a final one.
    private static let trickyStored = Array((
        "From: alice@sender.example\r\nSubject: dots\r\n\r\n.leading dot\r\n..two dots\r\n.\r\nbare\r\nfeed\r\n"
            + String(repeating: "filler line of text\r\n", count: 40) + ".\r\nlast line without ending\r\n").utf8)

    @Test(arguments: [true, false], [1, 2, 3] as [UInt64])
    func messagesWithSomeRecipientsRefused(pipelining: Bool, seed: UInt64) {
        var extensions = SMTPOptionalExtensions.standard
        if !pipelining { extensions.remove(.pipelining) }
        var policy = SMTPServerPolicy.mx(offersSTARTTLS: false)
        policy.extensions = extensions
        var pipe = InteropPipe(
            client: SMTPClientConfiguration(helloName: Self.hello, tlsPolicy: .opportunistic), server: policy, seed: seed)
        pipe.recipientDecision = { check in
            check.recipient.address?.localPart == "nobody"
                ? .rejected(SMTPReply(550, SMTPEnhancedStatusCode(5, 1, 1), "No such user")) : .accepted
        }
        let first = Fixtures.message("M1", to: ["bob@receiver.example", "nobody@receiver.example", "carol@receiver.example"], size: Self.tricky.count)
        let second = Fixtures.message("M2", to: ["dave@receiver.example"], size: 5)
        pipe.contents = ["M1": Self.tricky, "M2": Array("short".utf8)]
        pipe.messages = [first, second]
        pipe.run()

        #expect(pipe.failures.isEmpty)
        #expect(pipe.clientCloseCount == 1)
        #expect(pipe.serverClosed)
        #expect(pipe.serverReplies.last?.code == 221)
        #expect(pipe.outcomes(of: "M1") == [
            "<bob@receiver.example>": "delivered 250", "<nobody@receiver.example>": "failed 550",
            "<carol@receiver.example>": "delivered 250",
        ])
        #expect(pipe.outcomes(of: "M2") == ["<dave@receiver.example>": "delivered 250"])
        #expect(pipe.committed.count == 2)
        #expect(pipe.committed.first?.content == Self.trickyStored)
        #expect(pipe.committed.first?.envelope.recipients.map(\.path.description) == ["<bob@receiver.example>", "<carol@receiver.example>"])
        #expect(pipe.committed.first?.envelope.mailParameters.size == Self.tricky.count)
        #expect(pipe.committed.last?.content == Array("short\r\n".utf8))
        // The enhanced status code of the refusal came through.
        let refusal = pipe.results.first?.recipientResults.first { $0.recipient.path.address?.localPart == "nobody" }
        if case .failed(let problem) = refusal?.outcome {
            #expect(problem.serverReply?.enhancedCode == SMTPEnhancedStatusCode(5, 1, 1))
            #expect(problem.serverReply?.lines == ["No such user"])
        } else {
            Issue.record("expected a permanent failure for nobody, got \(String(describing: refusal))")
        }
    }

    @Test func startTLSThenAuthenticationThenParameters() throws {
        let credential = try SCRAMCredential(password: "correct horse", salt: Array(repeating: 3, count: 16), iterations: 4096)
        var pipe = InteropPipe(
            client: SMTPClientConfiguration(
                helloName: Self.hello, tlsPolicy: .required,
                credentials: SMTPClientCredentials(username: "alice", password: "correct horse")),
            server: .submission(), seed: 9)
        pipe.credentials = ["alice": credential]
        let parameters = SMTPRecipientParameters(
            notify: [.failure, .delay], originalRecipient: SMTPOriginalRecipient(addressType: "rfc822", address: "old+1@receiver.example"))
        let message = Fixtures.message(
            "UTF", from: "alice@sender.example", to: ["jörg@bücher.example"], size: 20, eightBit: true,
            returnContent: .headers, envelopeID: "env id=1", recipientParameters: parameters)
        pipe.contents = ["UTF": Array("Subject: Grüße\r\n\r\nÄ\r\n".utf8)]
        pipe.messages = [message]
        pipe.run()

        #expect(pipe.failures.isEmpty)
        #expect(pipe.client.isTLSActive && pipe.client.isAuthenticated)
        #expect(pipe.results.first?.usedTLS == true)
        #expect(pipe.results.first?.deliveryStatusNotificationsPassedOn == true)
        let envelope = try #require(pipe.committed.first?.envelope)
        #expect(envelope.tls != nil)
        #expect(envelope.authenticatedIdentity == "alice")
        #expect(envelope.mailParameters.requestsSMTPUTF8)
        #expect(envelope.mailParameters.body == .eightBitMIME)
        #expect(envelope.mailParameters.returnContent == .headers)
        #expect(envelope.mailParameters.envelopeID == "env id=1")
        #expect(envelope.recipients.first?.parameters == parameters)
        #expect(envelope.recipients.first?.path.description == "<jörg@bücher.example>")
        #expect(pipe.committed.first?.content == Array("Subject: Grüße\r\n\r\nÄ\r\n".utf8))
    }

    @Test func whatTheServerCannotTakeIsNeverSent() {
        var limits = Limits.defaults
        limits.maxMessageSize = 1000
        var policy = SMTPServerPolicy.mx(offersSTARTTLS: false)
        policy.extensions = [.pipelining, .deliveryStatusNotifications]
        var pipe = InteropPipe(
            client: SMTPClientConfiguration(helloName: Self.hello), server: policy, limits: limits, seed: 4)
        pipe.messages = [
            Fixtures.message("BIG", size: 1001), Fixtures.message("EIGHT", size: 10, eightBit: true),
            Fixtures.message("UTF", to: ["jörg@bücher.example"], size: 10),
        ]
        pipe.run()
        #expect(pipe.failures.isEmpty)
        #expect(pipe.committed.isEmpty)
        #expect(pipe.outcomes(of: "BIG").values.map { $0 } == ["failed local"])
        #expect(pipe.results.first { $0.message.identifier == "EIGHT" }?.outcome == .needsSevenBitConversion)
        #expect(pipe.outcomes(of: "UTF").values.map { $0 } == ["failed local"])
        // Only EHLO and QUIT reached the server.
        #expect(pipe.serverReplies.map(\.code) == [220, 250, 221])
    }
}
