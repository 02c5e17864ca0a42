import MailCore

/// The client side of one outbound SMTP connection as a pure state machine (RFC 5321 with
/// PIPELINING, SIZE, 8BITMIME, SMTPUTF8, DSN, ENHANCEDSTATUSCODES, STARTTLS and AUTH PLAIN).
/// It performs no I/O, reads no clock and never blocks: it turns the server's bytes and the
/// glue's answers into ``SMTPClientAction``s.
///
/// Driving it:
/// 1. Connect (a failure to connect is the glue's), create the session, and ``enqueue(_:)``
///    the messages for this destination (now, or when ``SMTPClientAction/readyForNextMessage``
///    comes).
/// 2. Pass every received byte to ``receive(_:)`` and perform the returned actions in order;
///    answer ``SMTPClientAction/startTLS`` with ``tlsEstablished()`` or ``tlsFailed(reason:)``,
///    and ``SMTPClientAction/readContent`` with ``provideContent(_:)`` or ``endContent()``.
/// 3. Call ``quit()`` when no more messages will come; the session sends QUIT once idle.
/// 4. Arm a timer for ``phase`` (``timeoutSeconds``) whenever it changes; on expiry call
///    ``timedOut()``. On end of input call ``connectionClosed()``.
///
/// Every enqueued message is reported exactly once: by ``SMTPClientAction/transactionFinished(_:)``
/// or among the unsent messages of ``SMTPClientAction/connectionFailed(_:unsentMessages:)``.
/// The last action of every session is a single ``SMTPClientAction/close``.
public struct SMTPClientSession: Sendable {
    /// The configuration given at creation.
    public let configuration: SMTPClientConfiguration
    /// What the server advertised in its last EHLO reply (nothing after HELO, and nothing
    /// between STARTTLS and the EHLO that follows it).
    public internal(set) var capabilities = SMTPServerCapabilities()
    /// Whether the connection is protected by TLS (implicit, or after STARTTLS).
    public internal(set) var isTLSActive: Bool
    /// Whether AUTH succeeded.
    public internal(set) var isAuthenticated = false
    /// Whether the session has given ``SMTPClientAction/close``.
    public internal(set) var isClosed = false
    /// Octets the server sent after its 220 to STARTTLS, which were discarded (RFC 3207 §6).
    public internal(set) var plaintextBytesDiscardedAtSTARTTLS = 0

    var parser: SMTPReplyParser
    var expectations: [ExpectedReply] = [.greeting]
    var queue: [SMTPOutboundMessage] = []
    var transaction: ClientTransaction?
    /// A message whose transaction waits for the reply to RSET.
    var messageAwaitingReset: SMTPOutboundMessage?
    /// Whether the server may still hold an unfinished transaction, so the next MAIL needs an
    /// RSET first.
    var needsReset = false
    /// Whether greeting, hello, TLS and authentication are done.
    var isReady = false
    var awaitingTLSHandshake = false
    /// Present while the content of the current message is being sent.
    var contentEncoder: SMTPDataEncoder?
    var quitRequested = false
    var quitSent = false
    var announcedIdle = false
    var outbox: [SMTPClientAction] = []

    /// Creates the session of a newly opened connection, which waits for the greeting.
    /// - Parameter implicitTLS: whether the connection is already protected by TLS (a relay
    ///   host on port 465); STARTTLS is then not used.
    public init(configuration: SMTPClientConfiguration, implicitTLS: Bool = false) {
        self.configuration = configuration
        self.isTLSActive = implicitTLS
        self.parser = SMTPReplyParser(limits: configuration.limits)
    }

    /// What the session waits for now.
    public var phase: SMTPClientPhase {
        if isClosed { return .closed }
        if awaitingTLSHandshake { return .tlsHandshake }
        if contentEncoder != nil { return .dataBlock }
        return expectations.first?.phase ?? .idle
    }

    /// The timeout for the current ``phase``, from ``SMTPClientConfiguration/timeouts``, or
    /// `nil` when the session waits for the glue rather than the server.
    public var timeoutSeconds: Int? { configuration.timeouts.seconds(for: phase) }

    /// Whether ``enqueue(_:)`` takes a message: the session is open and QUIT was not sent.
    public var acceptsMessages: Bool { !isClosed && !quitSent }

    // MARK: - Entry points

    /// Handles bytes received from the server.
    public mutating func receive(_ bytes: some Collection<UInt8>) -> [SMTPClientAction] {
        guard !isClosed, !bytes.isEmpty else { return [] }
        if awaitingTLSHandshake {
            // Read in the clear after the 220 to STARTTLS: never taken as a reply (RFC 3207 §6).
            plaintextBytesDiscardedAtSTARTTLS += bytes.count
            return []
        }
        parser.append(bytes)
        processReplies()
        return takeActions()
    }

    /// Adds a message to send on this connection, after those already enqueued.
    ///
    /// Throws, without taking the message, once ``acceptsMessages`` is false: the session
    /// closed or sent QUIT, possibly in the same batch of actions as a
    /// ``SMTPClientAction/readyForNextMessage`` still being performed.
    public mutating func enqueue(_ message: SMTPOutboundMessage) throws(SMTPClientSessionClosedError) -> [SMTPClientAction] {
        guard acceptsMessages else { throw SMTPClientSessionClosedError() }
        queue.append(message)
        if isReady { startNextMessage() }
        return takeActions()
    }

    /// Asks the session to end: QUIT is sent once every enqueued message is done.
    public mutating func quit() -> [SMTPClientAction] {
        guard !isClosed, !quitRequested else { return [] }
        quitRequested = true
        if isReady { startNextMessage() }
        return takeActions()
    }

    /// Answers ``SMTPClientAction/startTLS``: the handshake succeeded. The session forgets the
    /// capabilities and says EHLO again (RFC 3207 §4.2).
    public mutating func tlsEstablished() -> [SMTPClientAction] {
        guard awaitingTLSHandshake, !isClosed else { return [] }
        awaitingTLSHandshake = false
        isTLSActive = true
        capabilities = SMTPServerCapabilities()
        parser = SMTPReplyParser(limits: configuration.limits)
        sendHello(extended: true)
        return takeActions()
    }

    /// Answers ``SMTPClientAction/startTLS``: the handshake failed. The connection ends with
    /// ``SMTPConnectionFailure/tlsHandshakeFailed(reason:mayRetryWithoutTLS:)``.
    public mutating func tlsFailed(reason: String) -> [SMTPClientAction] {
        guard awaitingTLSHandshake, !isClosed else { return [] }
        awaitingTLSHandshake = false
        fail(.tlsHandshakeFailed(reason: reason, mayRetryWithoutTLS: configuration.tlsPolicy == .opportunistic))
        return takeActions()
    }

    /// Answers ``SMTPClientAction/readContent`` with the next piece of the message (not
    /// dot-stuffed; any line endings). Ignored unless content is awaited.
    public mutating func provideContent(_ content: some Collection<UInt8>) -> [SMTPClientAction] {
        guard !isClosed, var encoder = contentEncoder else { return [] }
        let encoded = encoder.encode(content)
        contentEncoder = encoder
        if !encoded.isEmpty { outbox.append(.send(encoded)) }
        outbox.append(.readContent)
        return takeActions()
    }

    /// Answers ``SMTPClientAction/readContent``: the message has no more content. Ignored
    /// unless content is awaited.
    public mutating func endContent() -> [SMTPClientAction] {
        guard !isClosed, var encoder = contentEncoder else { return [] }
        contentEncoder = nil
        outbox.append(.send(encoder.finish()))
        expectations.append(.dataTermination)
        return takeActions()
    }

    /// The glue's timer for ``phase`` expired: the connection ends with
    /// ``SMTPConnectionFailure/timedOut(_:)`` (or simply closes while waiting for QUIT's reply).
    public mutating func timedOut() -> [SMTPClientAction] {
        guard !isClosed else { return [] }
        if phase == .quit {
            close()
        } else {
            fail(.timedOut(phase))
        }
        return takeActions()
    }

    /// The server closed the connection (or it broke). Unless QUIT was sent, this is
    /// ``SMTPConnectionFailure/connectionLost(_:)``.
    public mutating func connectionClosed() -> [SMTPClientAction] {
        guard !isClosed else { return [] }
        if quitSent {
            close()
        } else {
            fail(.connectionLost(phase))
        }
        return takeActions()
    }

    // MARK: - Replies

    /// Parses and handles replies until the input runs out, the session closes, or TLS starts.
    private mutating func processReplies() {
        while !isClosed, !awaitingTLSHandshake {
            let reply: SMTPReply?
            do {
                reply = try parser.next()
            } catch {
                fail(.protocolError(.malformedReply(error)))
                return
            }
            guard let reply else { return }
            handle(reply)
        }
    }

    private mutating func handle(_ reply: SMTPReply) {
        let phaseBefore = phase
        guard !expectations.isEmpty else {
            // Nothing was asked: only a 421 announcing the end is legitimate (RFC 5321 §3.8).
            fail(reply.code == 421 ? .serviceClosing(reply) : .protocolError(.unexpectedReply(reply, phaseBefore)))
            return
        }
        let expected = expectations.removeFirst()
        switch expected {
        case .greeting: return handleGreeting(reply)
        case .quit: return close()
        default: break
        }
        // A 421 to any command means the server is closing the connection (RFC 5321 §3.8).
        if reply.code == 421 { return fail(.serviceClosing(reply)) }
        switch expected {
        case .greeting, .quit: break
        case .extendedHello: handleExtendedHello(reply)
        case .hello: handleHello(reply)
        case .startTLS: handleStartTLS(reply)
        case .authentication: handleAuthentication(reply)
        case .reset: handleReset(reply)
        case .mail: handleMail(reply)
        case .recipient(let index): handleRecipient(index, reply)
        case .data: handleData(reply)
        case .dataTermination: handleDataTermination(reply)
        case .emptyDataTermination: handleEmptyDataTermination()
        }
    }

    // MARK: - Output

    mutating func send(_ command: String) {
        outbox.append(.send(SMTPClientCommandEncoder.line(command)))
    }

    mutating func takeActions() -> [SMTPClientAction] {
        let actions = outbox
        outbox = []
        return actions
    }
}
