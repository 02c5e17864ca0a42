/// The name of a mailbox inside one account, in UTF-8, with `/` as the hierarchy delimiter.
///
/// A name is only ever a key in the store: no file path is built from it (DESIGN rule 5).
/// It is still checked so that names stay sane for every protocol: no empty levels,
/// no `.` or `..` levels, no control characters, bounded length and depth.
/// `INBOX` is case-insensitive (RFC 9051 §5.1) and always spelled `INBOX`.
public struct MailboxName: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The hierarchy delimiter.
    public static let delimiter: Character = "/"
    /// The longest name accepted, in UTF-8 octets.
    public static let maximumLength = 1000
    /// The deepest hierarchy accepted.
    public static let maximumDepth = 32
    /// The name of the inbox.
    public static let inbox = MailboxName(checked: "INBOX")

    /// The canonical name (INBOX upper-cased at its first level).
    public let rawValue: String

    /// Checks and canonicalizes a name; a trailing delimiter is dropped.
    public init(_ name: String) throws(MailboxNameError) {
        var text = name
        if text.hasSuffix("/") { text.removeLast() }
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= Self.maximumLength else { throw .tooLong }
        let levels = text.split(separator: "/", omittingEmptySubsequences: false)
        guard levels.count <= Self.maximumDepth else { throw .tooDeep }
        for level in levels {
            guard !level.isEmpty else { throw .emptyLevel }
            guard level != ".", level != ".." else { throw .relativeLevel }
            for scalar in level.unicodeScalars where scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
                throw .controlCharacter
            }
        }
        if levels[0].uppercased() == "INBOX" {
            text = "INBOX" + text.dropFirst(5)
        }
        self.rawValue = text
    }

    private init(checked: String) { self.rawValue = checked }

    /// Whether this is INBOX itself.
    public var isInbox: Bool { rawValue == "INBOX" }

    /// The levels of the hierarchy, e.g. `["Archive", "2024"]`.
    public var levels: [Substring] { rawValue.split(separator: "/") }

    /// The parent mailbox name, or nil at the top level.
    public var parent: MailboxName? {
        guard let slash = rawValue.lastIndex(of: "/") else { return nil }
        return MailboxName(checked: String(rawValue[..<slash]))
    }

    /// Whether `self` lies strictly below `ancestor` in the hierarchy.
    public func isDescendant(of ancestor: MailboxName) -> Bool {
        rawValue.hasPrefix(ancestor.rawValue + "/")
    }

    /// This name with the prefix `old` replaced by `new` (for renaming a subtree).
    public func replacingAncestor(_ old: MailboxName, with new: MailboxName) -> MailboxName? {
        guard isDescendant(of: old) else { return self == old ? new : nil }
        return try? MailboxName(new.rawValue + rawValue.dropFirst(old.rawValue.count))
    }

    public var description: String { rawValue }
    public static func < (lhs: MailboxName, rhs: MailboxName) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Why a text is not an acceptable mailbox name.
public enum MailboxNameError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty, tooLong, tooDeep, emptyLevel, relativeLevel, controlCharacter

    public var description: String {
        switch self {
        case .empty: "the mailbox name is empty"
        case .tooLong: "the mailbox name is longer than \(MailboxName.maximumLength) octets"
        case .tooDeep: "the mailbox name has more than \(MailboxName.maximumDepth) levels"
        case .emptyLevel: "the mailbox name has an empty level ('//' or a leading '/')"
        case .relativeLevel: "the mailbox name has a '.' or '..' level"
        case .controlCharacter: "the mailbox name contains a control character"
        }
    }
}

/// The SPECIAL-USE role of a mailbox (RFC 6154 §2).
public enum SpecialUse: String, Sendable, Codable, CaseIterable {
    case all = "\\All"
    case archive = "\\Archive"
    case drafts = "\\Drafts"
    case flagged = "\\Flagged"
    case junk = "\\Junk"
    case sent = "\\Sent"
    case trash = "\\Trash"
}
