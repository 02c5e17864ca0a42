/// What a user may do with a mailbox (the rights of RFC 4314 §2.1). The owner of a mailbox
/// has every right; other accounts have what the mailbox's access control list grants them.
public struct MailboxRights: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `l`: the mailbox is visible to LIST and LSUB.
    public static let lookup = MailboxRights(rawValue: 1 << 0)
    /// `r`: SELECT, EXAMINE, STATUS, FETCH, SEARCH, and COPY or MOVE from it.
    public static let read = MailboxRights(rawValue: 1 << 1)
    /// `s`: keep `\Seen` (STORE it, or set it with APPEND or COPY).
    public static let keepSeen = MailboxRights(rawValue: 1 << 2)
    /// `w`: change flags other than `\Seen` and `\Deleted`.
    public static let write = MailboxRights(rawValue: 1 << 3)
    /// `i`: APPEND, COPY or MOVE into it.
    public static let insert = MailboxRights(rawValue: 1 << 4)
    /// `p`: send mail to its submission address (kept and reported; delivery into shared
    /// mailboxes by address is not offered).
    public static let post = MailboxRights(rawValue: 1 << 5)
    /// `k`: create mailboxes below it (CREATE, and the new parent in RENAME).
    public static let createMailbox = MailboxRights(rawValue: 1 << 6)
    /// `x`: DELETE it, or RENAME it away.
    public static let deleteMailbox = MailboxRights(rawValue: 1 << 7)
    /// `t`: set or clear `\Deleted`.
    public static let deleteMessages = MailboxRights(rawValue: 1 << 8)
    /// `e`: EXPUNGE (also as part of CLOSE and MOVE).
    public static let expunge = MailboxRights(rawValue: 1 << 9)
    /// `a`: read and change the access control list.
    public static let administer = MailboxRights(rawValue: 1 << 10)

    /// Every right: the owner's.
    public static let all: MailboxRights = [.lookup, .read, .keepSeen, .write, .insert, .post, .createMailbox,
                                            .deleteMailbox, .deleteMessages, .expunge, .administer]

    /// The letters of RFC 4314 §2.1, in the order RFC 4314 lists them.
    static let rightLetters: [(Character, MailboxRights)] = [
        ("l", .lookup), ("r", .read), ("s", .keepSeen), ("w", .write), ("i", .insert), ("p", .post),
        ("k", .createMailbox), ("x", .deleteMailbox), ("t", .deleteMessages), ("e", .expunge), ("a", .administer),
    ]

    /// Each right on its own, in the order of RFC 4314 §2.1.
    public static var eachRight: [MailboxRights] { rightLetters.map(\.1) }

    /// The obsolete `c` right of RFC 2086 (RFC 4314 §2.1.1): this server treats it as `k`.
    public static let obsoleteCreate: MailboxRights = [.createMailbox]
    /// The obsolete `d` right of RFC 2086 (RFC 4314 §2.1.1): this server treats it as `x`,
    /// `t` and `e` together (the second of the two readings the RFC allows).
    public static let obsoleteDelete: MailboxRights = [.deleteMailbox, .deleteMessages, .expunge]

    /// The rights a rights string names (RFC 4314 §3.1), `c` and `d` included; nil when it
    /// has a letter that is no right (the caller answers BAD).
    public init?(letters text: some StringProtocol) {
        var rights = MailboxRights()
        for letter in text {
            switch letter {
            case "c": rights.formUnion(.obsoleteCreate)
            case "d": rights.formUnion(.obsoleteDelete)
            default:
                guard let right = Self.rightLetters.first(where: { $0.0 == letter })?.1 else { return nil }
                rights.insert(right)
            }
        }
        self = rights
    }

    /// The rights as letters, with `c` and `d` added when any of the rights they stand for
    /// is present, as RFC 4314 §2.1.1 asks of ACL and MYRIGHTS responses.
    public var letters: String {
        var text = standardLetters
        if !isDisjoint(with: Self.obsoleteCreate) { text.append("c") }
        if !isDisjoint(with: Self.obsoleteDelete) { text.append("d") }
        return text
    }

    /// The rights as the letters of RFC 4314 §2.1 only.
    public var standardLetters: String {
        String(Self.rightLetters.filter { contains($0.1) }.map(\.0))
    }

    public var description: String { letters }
}
