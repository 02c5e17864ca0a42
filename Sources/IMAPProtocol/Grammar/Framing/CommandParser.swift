/// The streaming IMAP command parser: fed octets as they arrive, it frames commands by
/// their lines and literals (RFC 9051 §2.2, §4.3), answers literal announcements within the
/// limits with a continuation request and refuses the others before their data is sent,
/// streams APPEND messages in pieces, and parses each complete command into a typed value.
///
/// It is sans-I/O: the caller feeds bytes with ``append(_:)`` and pulls events with
/// ``nextEvent()`` until it returns nil. Parsing is lazy — nothing beyond the event pulled
/// is examined — so the caller can change the parser's mode between events:
/// after `IDLE` (``expectIdleDone()``), during AUTHENTICATE (``expectAuthenticationResponse()``),
/// and after `STARTTLS` or `COMPRESS`, where the parser stops by itself (RFC 9051 §6.2.1:
/// octets pipelined after STARTTLS must be discarded, never read as commands).
///
/// Memory is bounded by the configuration: a command's text by `maximumLineLength`, its
/// literals by `maximumLiteralBytesPerCommand`; APPEND data never accumulates (at most
/// `appendChunkSize` octets per event) — plus whatever the caller has fed and not yet pulled.
public struct CommandParser: Sendable {
    /// The limits and choices in force; they may be changed between events.
    public var configuration: CommandParserConfiguration

    enum State: Hashable, Sendable {
        /// Reading command text (or an IDLE/AUTHENTICATE line).
        case line
        /// Reading the octets of a literal into the command.
        case literal(remaining: Int)
        /// Streaming the octets of an APPEND message.
        case appendMessage(remaining: Int)
        /// Dropping the octets of a refused non-synchronizing literal.
        case discardLiteral(remaining: Int)
        /// Dropping the rest of a refused command's line.
        case discardLine
        /// Stopped after STARTTLS or COMPRESS until the caller decides.
        case stopped
        /// Stopped for good after a refusal that closes the connection.
        case closed
    }

    /// A line the session expects instead of a command.
    enum SpecialLine: Hashable, Sendable {
        case idleDone
        case authenticationResponse
    }

    /// The APPEND in progress once its first message has started.
    struct AppendProgress: Hashable, Sendable {
        var tag: String
        var messageCount: Int
    }

    var input = InputBuffer()
    var state = State.line
    /// Quote tracking (and, while discarding, the tail) of the line being scanned.
    var scanner = LineScanner()
    /// How many octets of the current line have been scanned (they stay in `input`).
    var scannedLength = 0
    /// The wire octets of the command so far (lines and literals; line breaks before literals).
    var command: [UInt8] = []
    var commandTextLength = 0
    var commandLiteralBytes = 0
    var appendProgress: AppendProgress?
    var specialLine: SpecialLine?
    var pending: [CommandParserEvent] = []

    /// A parser with the given limits.
    public init(configuration: CommandParserConfiguration = CommandParserConfiguration()) {
        self.configuration = configuration
    }

    /// Feeds octets received from the client.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        input.append(bytes)
    }

    /// The next event, or nil when more input is needed (or the parser is stopped).
    public mutating func nextEvent() -> CommandParserEvent? {
        while pending.isEmpty {
            guard step() else { return nil }
        }
        return pending.removeFirst()
    }

    /// Octets received and not yet consumed.
    public var bufferedByteCount: Int { input.count }

    /// Whether the parser stopped after a STARTTLS or COMPRESS command (see ``resume()``,
    /// ``discardBufferedBytes()``, ``takeBufferedBytes()``).
    public var isStopped: Bool { state == .stopped }

    /// Whether the parser stopped for good after a refusal that closes the connection.
    public var isClosed: Bool { state == .closed }

    // MARK: Modes the session sets

    /// The session accepted IDLE and sent its continuation: the next line must be `DONE`
    /// (RFC 2177 §3), reported as ``CommandParserEvent/idleDone``; other lines are refused
    /// and the parser keeps waiting for DONE.
    public mutating func expectIdleDone() {
        setSpecialLine(.idleDone)
    }

    /// The session sent a SASL challenge: the next line is the client's base64 response or
    /// `*` (RFC 9051 §6.2.2), reported as ``CommandParserEvent/authenticationResponse(_:)``.
    public mutating func expectAuthenticationResponse() {
        setSpecialLine(.authenticationResponse)
    }

    private mutating func setSpecialLine(_ line: SpecialLine) {
        guard state == .line, command.isEmpty, appendProgress == nil else { return }
        specialLine = line
    }

    /// Refuses the APPEND in progress (for example: the mailbox does not exist, or the
    /// message would exceed a quota): the caller answers it with a tagged NO, and the parser
    /// skips whatever the client still sends of it. Called after ``CommandParserEvent/appendMessageStart(_:)``
    /// and before pulling ``CommandParserEvent/continuationRequest``, it spares the client
    /// sending the literal at all. Does nothing when no APPEND is in progress.
    public mutating func rejectCurrentCommand() {
        guard appendProgress != nil else { return }
        let continuationNotSent = pending.contains(.continuationRequest)
        pending.removeAll()
        appendProgress = nil
        resetCommand()
        switch state {
        case .appendMessage(let remaining):
            state = continuationNotSent ? .line : .discardLiteral(remaining: remaining)
        case .line:
            startDiscardingLine(literalAware: true)
        default:
            break
        }
    }

    // MARK: After STARTTLS and COMPRESS

    /// Carries on after a refused STARTTLS or COMPRESS: the buffered octets are commands.
    public mutating func resume() {
        if state == .stopped { state = .line }
    }

    /// TLS begins: drops the octets pipelined after STARTTLS (RFC 9051 §6.2.1) and returns
    /// how many there were; the parser starts afresh for the protected stream.
    public mutating func discardBufferedBytes() -> Int {
        let count = input.count
        restart()
        return count
    }

    /// Compression begins (RFC 4978): returns the octets received after COMPRESS — already
    /// compressed — for the caller to inflate and feed back; the parser starts afresh.
    public mutating func takeBufferedBytes() -> [UInt8] {
        let bytes = input.takeAll()
        restart()
        return bytes
    }

    private mutating func restart() {
        input = InputBuffer()
        state = .line
        resetLine()
        resetCommand()
        appendProgress = nil
        specialLine = nil
        pending.removeAll()
    }

    // MARK: Stepping

    /// Advances by one unit of work; false when nothing can be done without more input.
    private mutating func step() -> Bool {
        switch state {
        case .line: stepLine()
        case .literal(let remaining): stepLiteral(remaining)
        case .appendMessage(let remaining): stepAppendMessage(remaining)
        case .discardLiteral(let remaining): stepDiscardLiteral(remaining)
        case .discardLine: stepDiscardLine()
        case .stopped, .closed: false
        }
    }

    mutating func resetCommand() {
        command.removeAll(keepingCapacity: command.capacity <= 1 << 16)
        commandTextLength = 0
        commandLiteralBytes = 0
    }

    mutating func resetLine() {
        scanner = LineScanner()
        scannedLength = 0
    }
}
