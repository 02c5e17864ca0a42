import SASL

/// The server side of one POP3 connection as a pure state machine (RFC 1939, with CAPA and
/// response codes from RFC 2449, STLS from RFC 2595, AUTH from RFC 5034). It performs no I/O
/// and reads no clock: what it needs from outside it asks for with a ``POP3ServerAction`` and
/// waits (``awaiting``) until the glue calls back with the answer.
///
/// Driving it:
/// 1. Create it when the connection is accepted (with the TLS details for implicit TLS, port
///    995), and call ``start()`` for the greeting.
/// 2. Pass every received byte to ``receive(_:)``.
/// 3. After every call, perform the returned actions in order; answer the questions among them
///    (``credentialLookedUp(_:)``, ``apopSecretLookedUp(_:)``, ``maildropOpened(_:)``,
///    ``messageTransferred(_:)``, ``deletionsCommitted(_:)``, ``tlsEstablished(version:cipher:)``)
///    and perform what those return too. Stop reading from the socket while ``awaiting`` is set.
/// 4. On end of input call ``connectionClosed()``; on the idle timeout ``timedOut()``; when
///    the server stops ``shutDown()``. None of them deletes anything: only QUIT does.
///
/// Pipelined commands (RFC 2449 §6.6) are handled in order, waiting where an answer is needed;
/// responses are flushed when the input runs out, before STLS and before closing.
public struct POP3ServerSession: Sendable {
    /// The listener's configuration.
    public let configuration: POP3ServerConfiguration
    /// The APOP timestamp of the greeting (`<...>`), when APOP is offered.
    public let greetingTimestamp: String?
    /// The TLS protection, once established (or from the start with implicit TLS).
    public internal(set) var tls: POP3TLSInfo?
    /// The session's state.
    public internal(set) var state = POP3SessionState.authorization
    /// The authenticated user, once a login succeeded (kept while the maildrop is opened; reset
    /// if it cannot be).
    public internal(set) var authenticatedUser: String?
    /// The answer the session waits for, if any. Input is held (not read) meanwhile.
    public internal(set) var awaiting: POP3ServerAwaiting?
    /// Whether the session asked to close the connection (or was told it closed).
    public internal(set) var isClosed = false
    /// Commands refused as malformed, unknown, too long or out of state so far.
    public internal(set) var badCommandCount = 0
    /// Logins that failed so far.
    public internal(set) var failedAuthenticationCount = 0
    /// Commands received before a successful login.
    public internal(set) var commandsBeforeLogin = 0
    /// Plaintext octets the client sent after STLS, which were discarded (RFC 2595 §4).
    public internal(set) var plaintextBytesDiscardedAtSTLS = 0

    var framer: POP3LineFramer
    var greeted = false
    /// The name given by USER, waiting for PASS.
    var pendingUserName: [UInt8]?
    /// The APOP login waiting for the user's secret.
    var pendingAPOP: (username: String, digest: String)?
    var authenticationExchange: POP3AuthenticationExchange?
    /// Whether the glue was asked to open the maildrop and it was not refused or released.
    var maildropClaimed = false
    var maildrop: POP3MaildropView?
    /// The message number of the RETR or TOP being sent.
    var messageInTransfer: Int?
    var outbox = POP3Outbox()

    /// Creates the session of a newly accepted connection.
    /// - Parameters:
    ///   - greetingTimestamp: the APOP timestamp for the greeting, `<process-id.clock@hostname>`
    ///     (RFC 1939 §7), different for every connection; the glue makes it. Without a valid
    ///     one, APOP is not offered.
    ///   - tls: the TLS details when the listener uses implicit TLS (RFC 8314).
    public init(configuration: POP3ServerConfiguration, greetingTimestamp: String? = nil, tls: POP3TLSInfo? = nil) {
        self.configuration = configuration
        self.greetingTimestamp = greetingTimestamp.flatMap { Self.isValidTimestamp($0) ? $0 : nil }
        self.tls = tls
        self.framer = POP3LineFramer(maximumLineLength: configuration.limits.maximumCommandLineLength)
    }

    var limits: POP3Limits { configuration.limits }

    /// A timestamp fit for the greeting: `<`, printable ASCII without spaces, `>`.
    private static func isValidTimestamp(_ timestamp: String) -> Bool {
        let bytes = Array(timestamp.utf8)
        return (3...255).contains(bytes.count) && bytes.first == UInt8(ascii: "<")
            && bytes.last == UInt8(ascii: ">") && bytes.allSatisfy { (0x21...0x7E).contains($0) }
    }

    // MARK: - Entry points

    /// Sends the greeting, then handles any input that arrived before it.
    public mutating func start() -> [POP3ServerAction] {
        guard !greeted, !isClosed else { return [] }
        greeted = true
        send(.greeting(hostname: configuration.hostname, timestamp: apopAvailable ? greetingTimestamp : nil))
        flush()
        processInput()
        return takeActions()
    }

    /// Handles bytes received from the client.
    public mutating func receive(_ bytes: some Collection<UInt8>) -> [POP3ServerAction] {
        guard !isClosed, !bytes.isEmpty else { return [] }
        if awaiting == .tlsHandshake {
            // Plaintext after STLS that the glue read before TLS took over (RFC 2595 §4).
            plaintextBytesDiscardedAtSTLS += bytes.count
            return []
        }
        framer.append(bytes)
        guard greeted else {
            if framer.bufferedByteCount > limits.maximumBufferedInput { closeConnection(with: .tooMuchPipelinedInput) }
            return takeActions()
        }
        processInput()
        return takeActions()
    }

    /// The idle timeout expired (RFC 1939 §3): `-ERR` and close, deleting nothing.
    public mutating func timedOut() -> [POP3ServerAction] {
        guard !isClosed else { return [] }
        closeConnection(with: .idleTimeout)
        return takeActions()
    }

    /// The server is stopping: `-ERR [SYS/TEMP]` and close, deleting nothing.
    public mutating func shutDown() -> [POP3ServerAction] {
        guard !isClosed else { return [] }
        closeConnection(with: .shuttingDown)
        return takeActions()
    }

    /// The client closed the connection (or it broke). Nothing is deleted (RFC 1939 §6: only
    /// QUIT enters the UPDATE state); the maildrop is released.
    public mutating func connectionClosed() -> [POP3ServerAction] {
        guard !isClosed else { return [] }
        isClosed = true
        awaiting = nil
        releaseMaildrop()
        _ = framer.stop()
        return takeActions()
    }

    // MARK: - Input loop

    /// Frames and handles input until it runs out, an answer is awaited, or the session closes.
    mutating func processInput() {
        guard greeted else { return }
        while !isClosed, awaiting == nil, let input = framer.nextLine() {
            handle(input)
        }
        guard !isClosed else { return }
        // A partial line is bounded by the framer; what piles up while an answer is awaited
        // is bounded here.
        guard framer.bufferedByteCount <= max(limits.maximumBufferedInput, framer.maximumLineLength) else {
            return closeConnection(with: .tooMuchPipelinedInput)
        }
        // RFC 2449 §6.6: responses to a pipelined batch may go out together.
        if awaiting == nil { flush() }
    }

    /// Routes a line to the AUTH exchange that reads it, or to the command handlers.
    private mutating func handle(_ input: POP3FramedLine) {
        switch (input, authenticationExchange?.kind == .sasl) {
        case (.line(let line), true): handleAuthenticationResponse(line)
        case (.line(let line), false): handleCommandLine(line)
        case (.overlongLine, true): failAuthentication(with: .authenticationLineTooLong)
        case (.overlongLine, false): rejectCommand(with: .lineTooLong)
        }
    }

    // MARK: - Output

    mutating func send(_ response: POP3Response) {
        outbox.send(response)
    }

    mutating func flush() {
        outbox.flushIfNeeded()
    }

    /// Sends the response to a refused command and counts it; at the bad-command limit the
    /// connection is closed.
    mutating func rejectCommand(with response: POP3Response) {
        send(response)
        badCommandCount += 1
        if badCommandCount >= limits.maximumBadCommands {
            closeConnection(with: .tooManyBadCommands)
        }
    }

    /// Releases the maildrop, sends `response` if given, flushes and closes. The release
    /// comes first: a client that reads the `+OK` of QUIT and logs in again at once must
    /// find the maildrop free, even if this connection's thread is preempted after writing.
    mutating func closeConnection(with response: POP3Response?) {
        releaseMaildrop()
        if let response { send(response) }
        flush()
        outbox.append(.close)
        isClosed = true
        awaiting = nil
        _ = framer.stop()
    }

    /// Asks the glue to release the maildrop, once, if it was claimed.
    mutating func releaseMaildrop() {
        guard maildropClaimed else { return }
        maildropClaimed = false
        maildrop = nil
        outbox.append(.releaseMaildrop)
    }

    mutating func takeActions() -> [POP3ServerAction] {
        outbox.take()
    }
}
