import MailCore

/// Which non-synchronizing literals (RFC 7888) the server advertises.
public enum NonSynchronizingLiterals: Hashable, Sendable {
    /// `LITERAL+`: `{n+}` of any size within the literal limits.
    case literalPlus
    /// `LITERAL-`: `{n+}` only up to 4096 octets (RFC 7888 §4); larger ones are refused with
    /// `BAD [TOOBIG]`.
    case literalMinus
}

/// The limits and choices of a ``CommandParser``. The operator-configurable limits come from
/// MailCore's `Limits`; the rest are defaulted here (DESIGN rule 3).
public struct CommandParserConfiguration: Hashable, Sendable {
    /// The largest non-synchronizing literal LITERAL- allows (RFC 7888 §4).
    public static let literalMinusMaximum = 4096

    /// The longest command text, literals excluded, summed over the lines of one command
    /// (default `Limits.maxIMAPLineLength`).
    public var maximumLineLength: Int
    /// The largest literal outside APPEND (default `Limits.maxIMAPLiteralSize`).
    public var maximumLiteralSize: Int
    /// The most literal octets one command (outside APPEND data) may carry in all
    /// (default: 4 × `maximumLiteralSize`).
    public var maximumLiteralBytesPerCommand: Int
    /// The largest APPEND message (default `Limits.maxMessageSize`).
    public var maximumMessageSize: Int
    /// The most messages one APPEND may carry (RFC 3502 MULTIAPPEND).
    public var maximumMessagesPerAppend: Int
    /// How deeply search keys may nest.
    public var maximumNestingDepth: Int
    /// The largest piece of APPEND data delivered in one event.
    public var appendChunkSize: Int
    /// The largest refused non-synchronizing literal that is read and dropped to find the end
    /// of its command; a larger one ends the connection (default `Limits.maxMessageSize`).
    public var maximumDiscardedLiteralSize: Int
    /// The non-synchronizing literals advertised.
    public var nonSynchronizingLiterals: NonSynchronizingLiterals

    /// The configuration that `limits` sets, with the other values defaulted.
    public init(limits: Limits = .defaults, nonSynchronizingLiterals: NonSynchronizingLiterals = .literalPlus) {
        maximumLineLength = limits.maxIMAPLineLength
        maximumLiteralSize = limits.maxIMAPLiteralSize
        maximumLiteralBytesPerCommand = limits.maxIMAPLiteralSize * 4
        maximumMessageSize = limits.maxMessageSize
        maximumMessagesPerAppend = 1000
        maximumNestingDepth = 100
        appendChunkSize = 65_536
        maximumDiscardedLiteralSize = limits.maxMessageSize
        self.nonSynchronizingLiterals = nonSynchronizingLiterals
    }
}
