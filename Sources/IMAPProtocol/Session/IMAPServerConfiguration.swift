import MailCore
import SASL

/// Everything an IMAP server session is configured with; one value per listener, shared by
/// its sessions. Every limit has its default here or in MailCore's `Limits` (DESIGN rule 3).
public struct IMAPServerConfiguration: Sendable {
    /// The server's name in the greeting.
    public var hostname: String
    /// Bad commands, commands before login, authentication attempts, idle timeouts, message
    /// size (which bounds APPEND) and the parser's line and literal limits.
    public var limits: Limits
    /// The SASL mechanisms offered by AUTHENTICATE. Give every session of a server the same
    /// registry (its decoy-salt key must stay stable, or SCRAM would reveal which users exist).
    public var mechanisms: SASLMechanismRegistry
    /// Whether the listener offers STARTTLS (port 143); false on an implicit-TLS port (993).
    public var offersSTARTTLS: Bool
    /// Whether LOGIN and password-revealing mechanisms (PLAIN, LOGIN) are allowed without
    /// TLS. Only an explicit insecure option (`martlet dev` on loopback) sets it (DESIGN rule 4).
    public var allowsPlaintextAuthentication: Bool
    /// Whether `COMPRESS DEFLATE` (RFC 4978) is offered; the glue then performs
    /// ``IMAPServerAction/startCompression(pendingInput:)``.
    public var offersCompression: Bool
    /// Which non-synchronizing literals are advertised and accepted (RFC 7888).
    public var nonSynchronizingLiterals: NonSynchronizingLiterals
    /// Capabilities of commands handled outside the session proper (FETCH/SEARCH/SORT/THREAD
    /// extensions such as `ESEARCH`, `SORT`, `THREAD=REFERENCES`, `BINARY`), added to the list
    /// once those commands are wired (see ``IMAPMessageCommandHandler``).
    public var additionalCapabilities: [String]
    /// What `ID` answers about the server (RFC 2971); nil answers `ID NIL`.
    public var serverIdentification: [IDParameter]?
    /// Idle time before the client has logged in, after which the glue calls
    /// ``IMAPServerSession/timedOut()``. Once authenticated, `limits.imapIdleTimeoutSeconds`
    /// (30 minutes, RFC 9051 §5.4) applies.
    public var unauthenticatedIdleTimeoutSeconds: Int
    /// Longest SASL response line (RFC 4954 §4 considers 12288 octets enough).
    public var maximumAuthenticationLineLength: Int
    /// Most octets held unread while the session waits for an answer; a client that pipelines
    /// more is disconnected. The glue stops reading while ``IMAPServerSession/awaiting`` is
    /// set, so only a misbehaving client comes near it.
    public var maximumBufferedInput: Int
    /// Mailbox updates (in messages) held for a selected mailbox before the session drops
    /// them and re-reads the mailbox instead (the change feed's own overflow rule).
    public var maximumPendingUpdates: Int
    /// APPEND data held in memory for one command; beyond it the data goes to a spool file
    /// of the store (`MessageStore.makeSpoolFile()`).
    public var appendMemoryThreshold: Int
    /// Output is handed to the glue in pieces of about this size, so one response batch never
    /// sits in one growing buffer.
    public var outputChunkSize: Int
    /// Distinct keywords listed in a SELECT's FLAGS response at most.
    public var maximumListedKeywords: Int

    /// A configuration with the defaults.
    public init(hostname: String, limits: Limits = .defaults, mechanisms: SASLMechanismRegistry,
                offersSTARTTLS: Bool = true, allowsPlaintextAuthentication: Bool = false,
                offersCompression: Bool = false, nonSynchronizingLiterals: NonSynchronizingLiterals = .literalPlus,
                additionalCapabilities: [String] = [],
                serverIdentification: [IDParameter]? = [IDParameter(field: "name", value: "Martlet")],
                unauthenticatedIdleTimeoutSeconds: Int = 60, maximumAuthenticationLineLength: Int = 12_288,
                maximumBufferedInput: Int = 1_048_576, maximumPendingUpdates: Int = 10_000,
                appendMemoryThreshold: Int = 262_144, outputChunkSize: Int = 65_536, maximumListedKeywords: Int = 256) {
        self.hostname = hostname
        self.limits = limits
        self.mechanisms = mechanisms
        self.offersSTARTTLS = offersSTARTTLS
        self.allowsPlaintextAuthentication = allowsPlaintextAuthentication
        self.offersCompression = offersCompression
        self.nonSynchronizingLiterals = nonSynchronizingLiterals
        self.additionalCapabilities = additionalCapabilities
        self.serverIdentification = serverIdentification
        self.unauthenticatedIdleTimeoutSeconds = unauthenticatedIdleTimeoutSeconds
        self.maximumAuthenticationLineLength = maximumAuthenticationLineLength
        self.maximumBufferedInput = maximumBufferedInput
        self.maximumPendingUpdates = maximumPendingUpdates
        self.appendMemoryThreshold = appendMemoryThreshold
        self.outputChunkSize = outputChunkSize
        self.maximumListedKeywords = maximumListedKeywords
    }

    /// The parser's configuration these settings imply.
    var parserConfiguration: CommandParserConfiguration {
        CommandParserConfiguration(limits: limits, nonSynchronizingLiterals: nonSynchronizingLiterals)
    }
}
