import MailCore
import MailStore
import SASL

/// The server side of one IMAP connection as a pure state machine (RFC 9051 and RFC 3501,
/// with the extensions of issue 5): bytes in, actions out. It performs no I/O, reads no
/// clock, and never blocks: what it needs from outside it asks for with an
/// ``IMAPServerAction`` and waits (``awaiting``) until the glue answers.
///
/// Driving it:
/// 1. Create it when the connection is accepted (`isTLSActive` on port 993) and call
///    ``start()`` for the greeting.
/// 2. Pass every received octet to ``receive(_:)``; perform the returned actions in order.
///    While ``awaiting`` is set, stop reading from the socket.
/// 3. Answer the questions among the actions: ``IMAPServerAction/lookupCredential(username:)``
///    with ``credentialLookedUp(_:)``, ``IMAPServerAction/execute(_:)`` with ``executed(_:)``
///    (run it with ``IMAPCommandExecutor``), ``IMAPServerAction/startTLS`` with
///    ``tlsEstablished()``; perform what those return too.
/// 4. After ``IMAPServerAction/authenticated(username:)``, subscribe to the account's change
///    feed and pass every event to ``storeChanged(_:)`` — at any time, even while an answer is
///    awaited (the session holds it). During IDLE the updates are sent at once.
/// 5. Arm an idle timer of ``idleTimeoutSeconds`` (it changes at login), reset on input;
///    when it fires call ``timedOut()``. On server shutdown call ``shutDown()``; when the
///    client goes away, ``connectionClosed()``.
///
/// Output is returned as ``IMAPServerAction/send(_:)`` pieces of about
/// `configuration.outputChunkSize` octets, written when the input runs out or an answer is
/// awaited (so pipelined commands get their responses together).
public struct IMAPServerSession: Sendable {
    /// The listener's configuration.
    public let configuration: IMAPServerConfiguration
    /// Whether the connection is protected by TLS (from the start, or after STARTTLS).
    public internal(set) var isTLSActive: Bool
    /// Whether COMPRESS is in force.
    public internal(set) var isCompressionActive = false
    /// The logged-in user (SASL authentication identity), once LOGIN or AUTHENTICATE succeeded.
    public internal(set) var authenticatedUsername: String?
    /// The selected mailbox, if any.
    public internal(set) var selected: SelectedMailbox?
    /// The answer the session waits for, if any. Input is held (not read) meanwhile.
    public internal(set) var awaiting: IMAPServerAwaiting?
    /// Whether the session asked to close the connection (or was told it closed).
    public internal(set) var isClosed = false
    /// The extensions the client turned on (ENABLE, or implicitly for CONDSTORE).
    public internal(set) var enabled = EnabledExtensions()
    /// Commands refused with BAD so far.
    public internal(set) var badCommandCount = 0
    /// LOGIN and AUTHENTICATE attempts that failed so far.
    public internal(set) var failedAuthenticationCount = 0
    /// Plaintext octets received after STARTTLS, which were discarded (RFC 9051 §6.2.1).
    public internal(set) var plaintextBytesDiscardedAtSTARTTLS = 0
    /// The result saved by `SEARCH RETURN (SAVE)` (RFC 5182), as UIDs.
    public internal(set) var savedSearchResult: [UID]?

    var parser: CommandParser
    var writer = ResponseWriter()
    var outbox: [IMAPServerAction] = []
    var greeted = false
    var commandsBeforeLogin = 0
    /// What to do with the awaited store response.
    var operation: PendingOperation?
    var authentication: AuthenticationExchange?
    var append: AppendInProgress?
    /// The tag of the IDLE command in progress.
    var idleTag: String?
    /// Change-feed events received while an answer was awaited, applied after it.
    var heldChanges: [StoreChange] = []

    /// Creates the session of a newly accepted connection.
    public init(configuration: IMAPServerConfiguration, isTLSActive: Bool = false) {
        self.configuration = configuration
        self.isTLSActive = isTLSActive
        self.parser = CommandParser(configuration: configuration.parserConfiguration)
    }

    var limits: Limits { configuration.limits }

    /// The connection's state (RFC 9051 §3).
    public var state: IMAPConnectionState {
        if isClosed { return .logout }
        if selected != nil { return .selected }
        return authenticatedUsername == nil ? .notAuthenticated : .authenticated
    }

    /// Whether an IDLE is in progress.
    public var isIdling: Bool { idleTag != nil }

    /// The idle timeout now in force: 30 minutes once logged in (RFC 9051 §5.4:
    /// `limits.imapIdleTimeoutSeconds`), shorter before.
    public var idleTimeoutSeconds: Int {
        authenticatedUsername == nil ? configuration.unauthenticatedIdleTimeoutSeconds : limits.imapIdleTimeoutSeconds
    }

    // MARK: - Entry points

    /// The greeting: `* OK [CAPABILITY ...] ...`.
    public mutating func start() -> [IMAPServerAction] {
        guard !greeted, !isClosed else { return [] }
        greeted = true
        send(StatusResponse(tag: nil, status: .ok, code: .capability(capabilities),
                            text: "\(configuration.hostname) Martlet IMAP4rev2 server ready"))
        processInput()
        return takeActions()
    }

    /// Handles octets received from the client.
    public mutating func receive(_ bytes: some Collection<UInt8>) -> [IMAPServerAction] {
        guard !isClosed, !bytes.isEmpty else { return [] }
        if awaiting == .tlsHandshake {
            // Plaintext the glue read before TLS took over: never a command (RFC 9051 §6.2.1).
            plaintextBytesDiscardedAtSTARTTLS += bytes.count
            return []
        }
        parser.append(bytes)
        guard greeted else { return [] }
        processInput()
        return takeActions()
    }

    /// Answers ``IMAPServerAction/lookupCredential(username:)``: the user's credential, or nil
    /// for an unknown user (the exchange then fails exactly as for a wrong password).
    public mutating func credentialLookedUp(_ credential: SCRAMCredential?) -> [IMAPServerAction] {
        guard awaiting == .credential, var exchange = authentication else { return [] }
        awaiting = nil
        let step = exchange.mechanism.provide(credential: credential)
        authentication = exchange
        handleAuthenticationStep(step)
        resumeAfterAnswer()
        return takeActions()
    }

    /// Answers ``IMAPServerAction/execute(_:)``.
    public mutating func executed(_ response: IMAPStoreResponse) -> [IMAPServerAction] {
        guard awaiting == .storeResponse, let operation else { return [] }
        awaiting = nil
        self.operation = nil
        complete(operation, with: response)
        resumeAfterAnswer()
        return takeActions()
    }

    /// Reports that the TLS handshake after STARTTLS succeeded; the parser starts afresh.
    public mutating func tlsEstablished() -> [IMAPServerAction] {
        guard awaiting == .tlsHandshake else { return [] }
        awaiting = nil
        isTLSActive = true
        resumeAfterAnswer()
        return takeActions()
    }

    /// A committed change of the account, from its change feed (in feed order). Held while an
    /// answer is awaited; otherwise recorded for the selected mailbox, and told at once during
    /// IDLE.
    public mutating func storeChanged(_ change: StoreChange) -> [IMAPServerAction] {
        guard !isClosed, authenticatedUsername != nil else { return [] }
        if awaiting != nil {
            holdChange(change)
            return []
        }
        apply(change)
        if isIdling { tellUpdatesWhileIdling() }
        flushOutput()
        return takeActions()
    }

    /// The idle timer fired: `* BYE` and close.
    public mutating func timedOut() -> [IMAPServerAction] {
        guard !isClosed else { return [] }
        closeConnection(bye: "Autologout; idle for too long")
        return takeActions()
    }

    /// The server is stopping: `* BYE` and close.
    public mutating func shutDown() -> [IMAPServerAction] {
        guard !isClosed else { return [] }
        closeConnection(bye: "Server shutting down")
        return takeActions()
    }

    /// The client closed the connection (or it broke).
    public mutating func connectionClosed() -> [IMAPServerAction] {
        isClosed = true
        awaiting = nil
        return []
    }

    // MARK: - Input loop

    /// Handles parser events until input runs out, an answer is awaited, or the session closes.
    mutating func processInput() {
        while !isClosed, awaiting == nil {
            if selected?.needsResync == true {
                requestResynchronization()
                break
            }
            guard let event = parser.nextEvent() else { break }
            handle(event)
        }
        if !isClosed, awaiting != nil, parser.bufferedByteCount > configuration.maximumBufferedInput {
            closeConnection(bye: "Too much input sent without waiting")
        }
        flushOutput()
    }

    /// After an answer: applies the changes held meanwhile, then goes on with the input.
    private mutating func resumeAfterAnswer() {
        if awaiting == nil {
            let changes = heldChanges
            heldChanges = []
            for change in changes { apply(change) }
            if isIdling && !isClosed { tellUpdatesWhileIdling() }
        }
        processInput()
    }

    private mutating func handle(_ event: CommandParserEvent) {
        switch event {
        case .command(let tagged):
            handleCommand(tagged)
        case .continuationRequest:
            writer.writeContinuationRequest(text: "Ready for literal data")
        case .appendStart(let start):
            beginAppend(start)
        case .appendMessageStart(let message):
            beginAppendMessage(message)
        case .appendMessageBytes(let bytes):
            receiveAppendBytes(bytes)
        case .appendMessageEnd:
            endAppendMessage()
        case .appendEnd(let tag):
            finishAppend(tag: tag)
        case .idleDone:
            finishIdle()
        case .authenticationResponse(let response):
            handleAuthenticationResponse(response)
        case .rejected(let rejection):
            handleRejection(rejection)
        }
    }

    /// Input the parser refused.
    private mutating func handleRejection(_ rejection: CommandRejection) {
        if let exchange = authentication, rejection.tag == nil {
            failAuthentication(tag: exchange.tag, status: .bad, code: nil, text: rejection.text)
            return
        }
        if let append, rejection.tag == append.tag { self.append = nil }
        if authenticatedUsername == nil && idleTag == nil && countCommandBeforeLogin() { return }
        send(rejection.response)
        if rejection.closesConnection {
            closeConnection(bye: nil)
        } else if rejection.status == .bad {
            countBadCommand()
        }
    }

    // MARK: - Output

    mutating func send(_ response: StatusResponse) {
        writer.write(response)
        flushIfLarge()
    }

    mutating func send(_ data: ResponseData) {
        writer.write(data)
        flushIfLarge()
    }

    /// Tagged OK.
    mutating func ok(_ tag: String, _ text: String, code: ResponseCode? = nil) {
        send(StatusResponse(tag: tag, status: .ok, code: code, text: text))
    }

    /// Tagged NO.
    mutating func no(_ tag: String, _ text: String, code: ResponseCode? = nil) {
        send(StatusResponse(tag: tag, status: .no, code: code, text: text))
    }

    /// Tagged BAD, counted toward `limits.maxBadCommands`.
    mutating func bad(_ tag: String?, _ text: String, code: ResponseCode? = nil) {
        send(StatusResponse(tag: tag, status: .bad, code: code, text: text))
        countBadCommand()
    }

    /// Counts a refused command; at `limits.maxBadCommands` the connection is closed.
    mutating func countBadCommand() {
        badCommandCount += 1
        if badCommandCount >= limits.maxBadCommands { closeConnection(bye: "Too many invalid commands") }
    }

    /// Counts a command sent before login; true when the limit is passed and the connection closed.
    mutating func countCommandBeforeLogin() -> Bool {
        commandsBeforeLogin += 1
        guard commandsBeforeLogin > limits.maxCommandsBeforeLogin else { return false }
        closeConnection(bye: "Too many commands before login")
        return true
    }

    /// Asks the glue to run `request`, then to call ``executed(_:)``.
    mutating func execute(_ request: IMAPStoreRequest, then operation: PendingOperation) {
        self.operation = operation
        awaiting = .storeResponse
        outbox.append(.execute(request))
    }

    private mutating func flushIfLarge() {
        if writer.bytes.count >= configuration.outputChunkSize { flushOutput() }
    }

    mutating func flushOutput() {
        guard !writer.bytes.isEmpty else { return }
        outbox.append(.send(writer.takeBytes()))
        // Thousands of sessions sit idle: none keeps a large output buffer between answers.
        if writer.bytes.capacity > Self.retainedOutputCapacity { writer = ResponseWriter(options: writer.options) }
    }

    /// The output buffer capacity a session keeps between answers.
    static let retainedOutputCapacity = 4096

    /// Sends `* BYE text` (if given), flushes and closes.
    mutating func closeConnection(bye text: String?) {
        guard !isClosed else { return }
        if let text { send(StatusResponse(tag: nil, status: .bye, text: text)) }
        flushOutput()
        outbox.append(.close)
        isClosed = true
        awaiting = nil
        operation = nil
    }

    private mutating func takeActions() -> [IMAPServerAction] {
        let actions = outbox
        outbox = []
        return actions
    }
}
