/// The system flags of RFC 9051 §2.3.2 (`\Recent` no longer exists in IMAP4rev2).
public struct SystemFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let seen = SystemFlags(rawValue: 1 << 0)
    public static let answered = SystemFlags(rawValue: 1 << 1)
    public static let flagged = SystemFlags(rawValue: 1 << 2)
    public static let deleted = SystemFlags(rawValue: 1 << 3)
    public static let draft = SystemFlags(rawValue: 1 << 4)

    /// Every system flag, in the order IMAP usually lists them.
    public static let all: SystemFlags = [.answered, .flagged, .deleted, .seen, .draft]

    /// The IMAP names, e.g. `["\\Seen", "\\Flagged"]`.
    public var names: [String] {
        var result: [String] = []
        if contains(.answered) { result.append("\\Answered") }
        if contains(.flagged) { result.append("\\Flagged") }
        if contains(.deleted) { result.append("\\Deleted") }
        if contains(.seen) { result.append("\\Seen") }
        if contains(.draft) { result.append("\\Draft") }
        return result
    }

    public var description: String { names.joined(separator: " ") }
}

/// The flags of one message: system flags plus keywords such as `$Forwarded` or `$Junk`.
///
/// Keywords are IMAP atoms (RFC 9051 §2.3.2); the store checks them against
/// `MailStoreLimits` when it saves them and keeps them as given.
public struct MessageFlags: Hashable, Sendable, CustomStringConvertible {
    public var system: SystemFlags
    public var keywords: Set<String>

    public init(system: SystemFlags = [], keywords: Set<String> = []) {
        self.system = system
        self.keywords = keywords
    }

    /// No flags.
    public static let none = MessageFlags()

    /// Whether `\Seen` is set.
    public var isSeen: Bool { system.contains(.seen) }
    /// Whether `\Deleted` is set.
    public var isDeleted: Bool { system.contains(.deleted) }

    /// These flags plus `other`'s.
    public func union(_ other: MessageFlags) -> MessageFlags {
        MessageFlags(system: system.union(other.system), keywords: keywords.union(other.keywords))
    }

    /// These flags without `other`'s.
    public func subtracting(_ other: MessageFlags) -> MessageFlags {
        MessageFlags(system: system.subtracting(other.system), keywords: keywords.subtracting(other.keywords))
    }

    /// System flag names then keywords in sorted order, separated by spaces.
    public var description: String {
        (system.names + keywords.sorted()).joined(separator: " ")
    }
}

/// How a STORE changes the flags of the messages it addresses (RFC 9051 §6.4.6).
public enum FlagChange: Sendable, Hashable {
    /// `+FLAGS`: set these flags, keep the others.
    case add(MessageFlags)
    /// `-FLAGS`: clear these flags, keep the others.
    case remove(MessageFlags)
    /// `FLAGS`: the message ends up with exactly these flags.
    case replace(MessageFlags)

    /// The flags a message with `current` flags ends up with.
    public func applied(to current: MessageFlags) -> MessageFlags {
        switch self {
        case .add(let flags): current.union(flags)
        case .remove(let flags): current.subtracting(flags)
        case .replace(let flags): flags
        }
    }

    /// The flags this change names.
    public var flags: MessageFlags {
        switch self {
        case .add(let flags), .remove(let flags), .replace(let flags): flags
        }
    }
}
