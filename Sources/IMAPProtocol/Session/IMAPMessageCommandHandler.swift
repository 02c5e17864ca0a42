import MailStore

/// The seam where FETCH, SEARCH, SORT and THREAD (and their UID forms) plug into the session.
///
/// The session checks the state (a mailbox must be selected), then emits
/// ``IMAPServerAction/execute(_:)`` with ``IMAPStoreRequest/messageCommand(_:)``; the
/// ``IMAPCommandExecutor`` passes the context to its handler and returns the result, which
/// the session writes: the handler's untagged output first, then the mailbox updates the
/// command allows (no EXPUNGE after FETCH/STORE/SEARCH/SORT/THREAD that are not UID commands,
/// RFC 9051 §7.5.1), then the tagged completion. Until a handler is installed, the executor
/// answers every such command with ``MessageCommandResult/unavailable(_:)`` — the one place
/// that says "not available".
public protocol IMAPMessageCommandHandler: Sendable {
    /// Runs one FETCH, SEARCH, SORT or THREAD against `store`.
    func run(_ context: MessageCommandContext, store: any MailStore) async -> MessageCommandResult
}

/// What a message command needs to know about the session.
public struct MessageCommandContext: Sendable {
    /// The command's tag (ESEARCH responses carry it).
    public var tag: String
    /// `.fetch`, `.search`, `.sort` or `.thread`.
    public var command: IMAPCommand
    public var mailbox: MailboxID
    public var uidValidity: UIDValidity
    /// EXAMINE: FETCH of a body must not set `\Seen`.
    public var isReadOnly: Bool
    /// The UIDs the client knows: sequence number `n` is `messageUIDs[n - 1]`. Responses
    /// must use these numbers; messages outside it are unknown to the client.
    public var messageUIDs: [UID]
    /// The result saved by `SEARCH RETURN (SAVE)` (RFC 5182), which `$` stands for.
    public var savedSearchResult: [UID]?
    /// CONDSTORE is enabled: FETCH carries MODSEQ, SEARCH may answer `(MODSEQ n)`.
    public var condStoreEnabled: Bool
    /// QRESYNC is enabled (FETCH ... VANISHED, RFC 7162 §3.2.6).
    public var qresyncEnabled: Bool
    /// The client enabled IMAP4rev2 (ESEARCH answers SEARCH, no `\Recent`).
    public var imap4rev2Enabled: Bool
    /// How responses must be encoded (UTF-8 or not).
    public var writerOptions: ResponseWriterOptions

    /// A value with the given fields.
    public init(tag: String, command: IMAPCommand, mailbox: MailboxID, uidValidity: UIDValidity, isReadOnly: Bool,
                messageUIDs: [UID], savedSearchResult: [UID]?, condStoreEnabled: Bool, qresyncEnabled: Bool,
                imap4rev2Enabled: Bool, writerOptions: ResponseWriterOptions) {
        self.tag = tag
        self.command = command
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.isReadOnly = isReadOnly
        self.messageUIDs = messageUIDs
        self.savedSearchResult = savedSearchResult
        self.condStoreEnabled = condStoreEnabled
        self.qresyncEnabled = qresyncEnabled
        self.imap4rev2Enabled = imap4rev2Enabled
        self.writerOptions = writerOptions
    }
}

/// What a message command produced.
public struct MessageCommandResult: Sendable {
    /// The untagged responses, encoded (FETCH data, SEARCH/ESEARCH, SORT, THREAD).
    public var output: [UInt8]
    /// The completion: `.ok`, `.no` or `.bad`.
    public var status: ResponseStatus
    /// A response code for the completion, if any.
    public var code: ResponseCode?
    /// The completion's text.
    public var text: String
    /// A new saved search result (`SEARCH RETURN (SAVE)`); nil leaves it as it was.
    public var savedSearchResult: [UID]?
    /// Flags the command changed (FETCH of a body sets `\Seen`): the session drops the
    /// change feed's echo of them.
    public var flagUpdates: [FlagUpdate]
    /// The command enabled CONDSTORE (FETCH MODSEQ, CHANGEDSINCE, SEARCH MODSEQ; RFC 7162 §3.1).
    public var enablesCondStore: Bool

    /// A value with the given fields.
    public init(output: [UInt8], status: ResponseStatus = .ok, code: ResponseCode? = nil, text: String,
                savedSearchResult: [UID]? = nil, flagUpdates: [FlagUpdate] = [], enablesCondStore: Bool = false) {
        self.output = output
        self.status = status
        self.code = code
        self.text = text
        self.savedSearchResult = savedSearchResult
        self.flagUpdates = flagUpdates
        self.enablesCondStore = enablesCondStore
    }

    /// The answer while no handler is installed.
    public static func unavailable(_ command: IMAPCommand) -> MessageCommandResult {
        MessageCommandResult(output: [], status: .no, code: .cannot, text: "\(command.name) is not available yet")
    }
}
