/// A client command, parsed and typed (RFC 9051 §6 and the extensions of issue 5).
///
/// `APPEND` is absent: its messages are streamed as ``CommandParserEvent`` values
/// (`appendStart`, `appendMessageStart`, `appendMessageBytes`...), never held whole.
public enum IMAPCommand: Hashable, Sendable {
    // MARK: Any state (RFC 9051 §6.1)
    case capability
    case noop
    case logout
    /// `ID (...)` or `ID NIL` (RFC 2971).
    case id([IDParameter]?)

    // MARK: Not authenticated (§6.2)
    case startTLS
    /// `AUTHENTICATE mechanism [initial-response]`: the mechanism upper-cased; the SASL-IR
    /// initial response (RFC 4959) decoded from base64, empty for `=`, nil when absent.
    case authenticate(mechanism: String, initialResponse: [UInt8]?)
    case login(username: String, password: String)

    // MARK: Authenticated (§6.3)
    /// `ENABLE cap...` (RFC 5161): the capability names, upper-cased.
    case enable([String])
    case select(EncodedMailboxName, SelectParameters)
    case examine(EncodedMailboxName, SelectParameters)
    /// `CREATE name [(USE (...))]` (RFC 6154 §3).
    case create(EncodedMailboxName, useAttributes: [UseAttribute])
    case delete(EncodedMailboxName)
    case rename(from: EncodedMailboxName, to: EncodedMailboxName)
    case subscribe(EncodedMailboxName)
    case unsubscribe(EncodedMailboxName)
    case list(ListCommand)
    case lsub(reference: EncodedMailboxName, pattern: MailboxPattern)
    case namespace
    case status(EncodedMailboxName, [StatusAttribute])
    /// `IDLE` (RFC 2177); the parser is then told to expect `DONE` (``CommandParser/expectIdleDone()``).
    case idle
    /// `COMPRESS algorithm` (RFC 4978): the algorithm upper-cased.
    case compress(algorithm: String)
    /// `GETQUOTA root` (RFC 9208).
    case getQuota(root: String)
    /// `GETQUOTAROOT mailbox`.
    case getQuotaRoot(EncodedMailboxName)
    /// `SETQUOTA root (resource limit ...)`.
    case setQuota(root: String, limits: [QuotaLimit])
    /// `SETACL mailbox identifier rights` (RFC 4314).
    case setACL(EncodedMailboxName, identifier: String, rights: ACLModification)
    case deleteACL(EncodedMailboxName, identifier: String)
    case getACL(EncodedMailboxName)
    case listRights(EncodedMailboxName, identifier: String)
    case myRights(EncodedMailboxName)

    // MARK: Selected (§6.4)
    /// `CHECK` (IMAP4rev1; a NOOP in effect).
    case check
    case close
    /// `UNSELECT` (RFC 3691).
    case unselect
    case expunge
    /// `UID EXPUNGE set` (RFC 4315).
    case uidExpunge(SequenceSet)
    case search(SearchCommand)
    case fetch(FetchCommand)
    case store(StoreCommand)
    case copy(CopyCommand)
    /// `MOVE` (RFC 6851).
    case move(CopyCommand)
    /// `SORT` (RFC 5256).
    case sort(SortCommand)
    /// `THREAD` (RFC 5256).
    case thread(ThreadCommand)
}

/// A command with its tag.
public struct TaggedCommand: Hashable, Sendable {
    /// The client's tag, to be echoed in the completion response.
    public var tag: String
    /// The command itself.
    public var command: IMAPCommand

    /// A value with the given fields.
    public init(tag: String, command: IMAPCommand) {
        self.tag = tag
        self.command = command
    }
}
