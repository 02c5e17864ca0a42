/// A LIST selection option (RFC 5258 §3.1, `SPECIAL-USE` from RFC 6154 §5.3).
public enum ListSelectionOption: Hashable, Sendable {
    case subscribed
    case remote
    case recursiveMatch
    case specialUse
}

/// A LIST return option (RFC 5258 §3.2, `STATUS` from RFC 5819, `SPECIAL-USE` from RFC 6154).
public enum ListReturnOption: Hashable, Sendable {
    case subscribed
    case children
    case specialUse
    /// `STATUS (...)`: a STATUS response for each listed mailbox.
    case status([StatusAttribute])
}

/// `LIST`, basic or extended (RFC 9051 §6.3.9, RFC 5258).
public struct ListCommand: Hashable, Sendable {
    /// The selection options, `()` if given empty; empty when absent.
    public var selectionOptions: [ListSelectionOption]
    /// The reference name.
    public var reference: EncodedMailboxName
    /// One pattern, or several in parentheses.
    public var patterns: [MailboxPattern]
    /// The return options.
    public var returnOptions: [ListReturnOption]
    /// Whether the command used LIST-EXTENDED syntax (selection options, a pattern list or
    /// RETURN), so responses may carry extended data (RFC 5258 §3).
    public var isExtended: Bool

    /// A value with the given fields.
    public init(selectionOptions: [ListSelectionOption] = [], reference: EncodedMailboxName, patterns: [MailboxPattern],
                returnOptions: [ListReturnOption] = [], isExtended: Bool = false) {
        self.selectionOptions = selectionOptions
        self.reference = reference
        self.patterns = patterns
        self.returnOptions = returnOptions
        self.isExtended = isExtended
    }
}
