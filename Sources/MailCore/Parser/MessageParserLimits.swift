/// The limits the message parser enforces (DESIGN rule 3: every limit has one default and
/// is configurable; those the operator sets come from `Limits`, the rest are defaulted here). Beyond a limit the parser stops descending or recording
/// and notes a defect; it never fails.
public struct MessageParserLimits: Sendable, Equatable {
    /// Header fields indexed per header block; later ones are skipped (still part of the
    /// header bytes). Default: `Limits.maxHeaderFieldCount`.
    public var maximumHeaderFields = Limits.defaults.maxHeaderFieldCount
    /// How deep multiparts and message parts may nest; a deeper one stays an unparsed leaf
    /// (never deeper than `MessageStructure.maximumNestingDepth`). Default: `Limits.maxMIMEDepth`.
    public var maximumMIMEDepth = Limits.defaults.maxMIMEDepth
    /// MIME parts recorded per message.
    public var maximumParts = 10_000
    /// Mailboxes kept per address field (To, Cc, ...).
    public var maximumAddressesPerField = 10_000
    /// UTF-8 bytes of decoded body text kept for the full-text index.
    public var maximumSearchableBodyBytes = 1 << 20
    /// Defects recorded per message.
    public var maximumDefects = 100

    public init() {}

    /// The parser limits that the server-wide limits set.
    public init(_ limits: Limits) {
        maximumHeaderFields = limits.maxHeaderFieldCount
        maximumMIMEDepth = limits.maxMIMEDepth
    }
}
