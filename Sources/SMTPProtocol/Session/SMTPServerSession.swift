import MailCore
import SASL

/// The server side of one SMTP connection as a pure state machine (RFC 5321 and the extensions
/// in ``SMTPOptionalExtensions``, STARTTLS and AUTH). It never performs I/O, reads no clock but
/// the configured one, and never blocks: what it needs from outside it asks for with an
/// ``SMTPServerAction`` and waits (``awaiting``) until the glue calls back with the answer.
///
/// Driving it:
/// 1. Create it when the connection is accepted (with the TLS details for implicit TLS).
/// 2. Call ``start()`` when the greeting is due (after any greeting delay). Bytes that arrive
///    before — pass them to ``receive(_:)`` all the same — mark the client as talking before
///    the greeting: it gets 554 and is disconnected.
/// 3. Pass every received byte to ``receive(_:)``.
/// 4. After every call, perform the returned actions in order; answer the questions among
///    them (``senderChecked(_:)``, ``recipientChecked(_:)``, ``credentialLookedUp(_:)``,
///    ``messageCommitted(_:)``, ``tlsEstablished(version:cipher:)``) and perform what those
///    return too. Stop reading from the socket while ``awaiting`` is set.
/// 5. On end of input call ``connectionClosed()``; on an idle timeout ``timedOut()``.
///
/// Input is framed by an internal ``SMTPInputFramer``; a pipelined batch (RFC 2920) is
/// processed command by command, waiting where an answer is needed, and replies are flushed
/// when the input runs out, before STARTTLS and before closing.
public struct SMTPServerSession: Sendable {
    /// The listener's configuration.
    public let configuration: SMTPServerConfiguration
    /// The client's IP address, as given at creation.
    public let remoteAddress: String
    /// The TLS protection, once established (or from the start with implicit TLS).
    public internal(set) var tls: SMTPTLSInfo?
    /// The HELO/EHLO argument, once given (reset by STARTTLS).
    public internal(set) var helloName: SMTPHelloName?
    /// Whether the last hello was EHLO.
    public internal(set) var usedExtendedHello = false
    /// The authenticated user (the SASL authentication identity), once AUTH succeeded.
    public internal(set) var authenticatedIdentity: String?
    /// The answer the session waits for, if any. Input is held (not read) meanwhile.
    public internal(set) var awaiting: SMTPServerAwaiting?
    /// Whether the session asked to close the connection (or was told it closed).
    public internal(set) var isClosed = false
    /// Commands refused as malformed, unknown or out of sequence so far.
    public internal(set) var badCommandCount = 0
    /// AUTH exchanges that failed so far.
    public internal(set) var failedAuthenticationCount = 0
    /// Plaintext octets the client sent after STARTTLS, which were discarded (RFC 3207 §6).
    public internal(set) var plaintextBytesDiscardedAtSTARTTLS = 0

    var framer: SMTPInputFramer
    var greeted = false
    /// Whether the client sent bytes before the greeting (a bot that does not wait for it).
    public internal(set) var talkedBeforeGreeting = false
    var commandsBeforeLogin = 0
    var transaction: MailTransaction?
    var pendingCheck: PendingCheck?
    var contentReception: ContentReception?
    var authenticationExchange: AuthenticationExchange?
    /// Whether `beginMessage` was emitted and neither `endMessage` nor `abortMessage` yet.
    var messageOpen = false
    var outbox: [SMTPServerAction] = []
    var hasUnflushedReplies = false

    /// Creates the session of a newly accepted connection.
    /// - Parameters:
    ///   - remoteAddress: the client's IP address, for envelopes and logs.
    ///   - tls: the TLS details when the listener uses implicit TLS (port 465).
    public init(configuration: SMTPServerConfiguration, remoteAddress: String, tls: SMTPTLSInfo? = nil) {
        self.configuration = configuration
        self.remoteAddress = remoteAddress
        self.tls = tls
        self.framer = SMTPInputFramer(limits: configuration.limits)
    }

    var policy: SMTPServerPolicy { configuration.policy }
    var limits: Limits { configuration.limits }
    var hostname: String { configuration.hostname }

    // MARK: - Entry points

    /// Sends the greeting — or, if the client already talked, 554 and a close.
    public mutating func start() -> [SMTPServerAction] {
        guard !greeted, !isClosed else { return [] }
        greeted = true
        if talkedBeforeGreeting {
            closeConnection(with: .talkedBeforeGreeting(hostname: hostname))
        } else {
            send(.greeting(hostname: hostname))
            flush()
        }
        return takeActions()
    }

    /// Handles bytes received from the client.
    public mutating func receive(_ bytes: some Collection<UInt8>) -> [SMTPServerAction] {
        guard !isClosed, !bytes.isEmpty else { return [] }
        guard greeted else {
            talkedBeforeGreeting = true
            return []
        }
        if awaiting == .tlsHandshake {
            // Plaintext after STARTTLS that the glue read before TLS took over (RFC 3207 §6).
            plaintextBytesDiscardedAtSTARTTLS += bytes.count
            return []
        }
        framer.append(bytes)
        processInput()
        return takeActions()
    }

    /// Answers ``SMTPServerAction/checkSender(_:)``. Ignored unless ``awaiting`` is
    /// ``SMTPServerAwaiting/senderCheck``.
    public mutating func senderChecked(_ decision: SMTPCheckDecision) -> [SMTPServerAction] {
        guard awaiting == .senderCheck, case .sender(let sender, let parameters, let helloName) = pendingCheck else {
            return []
        }
        awaiting = nil
        pendingCheck = nil
        completeSenderCheck(sender: sender, parameters: parameters, helloName: helloName, decision: decision)
        processInput()
        return takeActions()
    }

    /// Answers ``SMTPServerAction/checkRecipient(_:)``. Ignored unless ``awaiting`` is
    /// ``SMTPServerAwaiting/recipientCheck``.
    public mutating func recipientChecked(_ decision: SMTPCheckDecision) -> [SMTPServerAction] {
        guard awaiting == .recipientCheck, case .recipient(let recipient, let parameters) = pendingCheck else {
            return []
        }
        awaiting = nil
        pendingCheck = nil
        completeRecipientCheck(recipient: recipient, parameters: parameters, decision: decision)
        processInput()
        return takeActions()
    }

    /// Answers ``SMTPServerAction/lookupCredential(username:)``: the user's credential, or
    /// `nil` if there is no such user (the exchange then fails exactly as for a wrong
    /// password). Ignored unless ``awaiting`` is ``SMTPServerAwaiting/credential``.
    public mutating func credentialLookedUp(_ credential: SCRAMCredential?) -> [SMTPServerAction] {
        guard awaiting == .credential, var exchange = authenticationExchange else { return [] }
        awaiting = nil
        let step = exchange.mechanism.provide(credential: credential)
        authenticationExchange = exchange
        handleAuthenticationStep(step)
        processInput()
        return takeActions()
    }

    /// Answers ``SMTPServerAction/endMessage``. Ignored unless ``awaiting`` is
    /// ``SMTPServerAwaiting/messageCommit``.
    public mutating func messageCommitted(_ outcome: SMTPCommitOutcome) -> [SMTPServerAction] {
        guard awaiting == .messageCommit else { return [] }
        awaiting = nil
        switch outcome {
        case .accepted(let queueID): send(.messageAccepted(queueID: queueID))
        case .rejected(let reply): send(reply)
        }
        processInput()
        return takeActions()
    }

    /// Reports that the TLS handshake after STARTTLS succeeded. The session forgets everything
    /// learnt before (RFC 3207 §4.2): the client starts again with EHLO. Ignored unless
    /// ``awaiting`` is ``SMTPServerAwaiting/tlsHandshake``.
    public mutating func tlsEstablished(version: String, cipher: String) -> [SMTPServerAction] {
        guard awaiting == .tlsHandshake else { return [] }
        awaiting = nil
        tls = SMTPTLSInfo(version: version, cipher: cipher)
        helloName = nil
        usedExtendedHello = false
        authenticatedIdentity = nil
        authenticationExchange = nil
        transaction = nil
        framer = SMTPInputFramer(limits: limits)
        return takeActions()
    }

    /// The idle timeout expired (RFC 5321 §4.5.3.2): 421 and close.
    public mutating func timedOut() -> [SMTPServerAction] {
        guard !isClosed else { return [] }
        closeConnection(with: .timeout(hostname: hostname))
        return takeActions()
    }

    /// The server is stopping: 421 and close.
    public mutating func shutDown() -> [SMTPServerAction] {
        guard !isClosed else { return [] }
        closeConnection(with: .shuttingDown(hostname: hostname))
        return takeActions()
    }

    /// The client closed the connection (or it broke). A message still being received is
    /// aborted; one being committed is left to its commit.
    public mutating func connectionClosed() -> [SMTPServerAction] {
        guard !isClosed else { return [] }
        abortOpenMessage()
        isClosed = true
        awaiting = nil
        return takeActions()
    }

    // MARK: - Input loop

    /// Frames and handles input until it runs out, an answer is awaited, or the session closes.
    mutating func processInput() {
        while !isClosed, awaiting == nil, let input = framer.next() {
            handle(input)
        }
        guard !isClosed else { return }
        let bound = max(configuration.maximumBufferedInput, configuration.maximumAuthenticationLineLength)
        if framer.bufferedByteCount > bound {
            closeConnection(with: .tooMuchPipelinedInput(hostname: hostname))
            return
        }
        // RFC 2920 §3.1: replies are flushed when no more input is available.
        if awaiting == nil { flush() }
    }

    private mutating func handle(_ input: SMTPFramedInput) {
        switch input {
        case .line(let line):
            if authenticationExchange != nil {
                handleAuthenticationResponse(line)
            } else {
                handleCommandLine(line)
            }
        case .overlongLine:
            if authenticationExchange != nil {
                failAuthentication(with: .authenticationLineTooLong)
            } else {
                rejectCommand(with: .lineTooLong)
            }
        case .messageContent(let content), .chunkContent(let content):
            if messageOpen { outbox.append(.messageContent(content)) }
        case .messageTooLarge:
            abortOpenMessage()
        case .endOfMessageData(let summary):
            finishMessageData(summary)
        case .endOfChunk:
            finishChunk()
        }
    }

    // MARK: - Output

    mutating func send(_ reply: SMTPReply) {
        outbox.append(.send(reply))
        hasUnflushedReplies = true
    }

    mutating func flush() {
        guard hasUnflushedReplies else { return }
        outbox.append(.flush)
        hasUnflushedReplies = false
    }

    /// Sends the reply to a refused command and counts it; at Limits.maxBadCommands the
    /// connection is closed with 421.
    mutating func rejectCommand(with reply: SMTPReply) {
        send(reply)
        badCommandCount += 1
        if badCommandCount >= limits.maxBadCommands {
            closeConnection(with: .tooManyErrors(hostname: hostname))
        }
    }

    /// Aborts any open message, sends `reply` if given, flushes and closes.
    mutating func closeConnection(with reply: SMTPReply?) {
        abortOpenMessage()
        if let reply { send(reply) }
        flush()
        outbox.append(.close)
        isClosed = true
        awaiting = nil
        framer.stop()
        _ = framer.takeBufferedBytes()
    }

    mutating func abortOpenMessage() {
        guard messageOpen else { return }
        messageOpen = false
        outbox.append(.abortMessage)
    }

    private mutating func takeActions() -> [SMTPServerAction] {
        let actions = outbox
        outbox = []
        return actions
    }
}
