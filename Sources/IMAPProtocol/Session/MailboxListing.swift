import MailCore
import MailStore

/// What a LIST or LSUB asks for, with its patterns compiled (RFC 9051 §6.3.9, LIST-EXTENDED
/// RFC 5258, SPECIAL-USE RFC 6154).
public struct MailboxListQuery: Hashable, Sendable {
    /// The reference and pattern(s), combined and compiled; a mailbox is listed when one matches.
    public var patterns: [MailboxPatternMatcher]
    /// LSUB rather than LIST.
    public var isLSUB: Bool
    /// `SUBSCRIBED` selection: only subscribed mailboxes (it implies `RETURN (SUBSCRIBED)`).
    public var subscribedOnly: Bool
    /// `RECURSIVEMATCH`: also mailboxes with a subscribed descendant, marked with CHILDINFO.
    public var recursiveMatch: Bool
    /// `SPECIAL-USE` selection: only mailboxes with a special use.
    public var specialUseOnly: Bool
    /// `RETURN (SUBSCRIBED)`: mark subscribed mailboxes.
    public var returnsSubscribed: Bool

    /// A query with the given fields.
    public init(patterns: [MailboxPatternMatcher], isLSUB: Bool = false, subscribedOnly: Bool = false,
                recursiveMatch: Bool = false, specialUseOnly: Bool = false, returnsSubscribed: Bool = false) {
        self.patterns = patterns
        self.isLSUB = isLSUB
        self.subscribedOnly = subscribedOnly
        self.recursiveMatch = recursiveMatch
        self.specialUseOnly = specialUseOnly
        self.returnsSubscribed = returnsSubscribed
    }

    func matches(_ name: MailboxName) -> Bool {
        patterns.contains { $0.matches(name.rawValue) }
    }
}

/// One mailbox a LIST or LSUB reports.
public struct ListedMailbox: Hashable, Sendable {
    public var name: MailboxName
    /// The mailbox; nil for a `\Noselect` superior that LSUB reports for its subscribed inferiors.
    public var mailbox: MailboxID?
    public var attributes: [MailboxAttribute]
    /// `CHILDINFO` extended data (RFC 5258 §3.5).
    public var childInfo: [String]
    /// The session's rights on it (all of them on its own mailboxes).
    public var rights: MailboxRights = .all

    /// A value with the given fields.
    public init(name: MailboxName, mailbox: MailboxID?, attributes: [MailboxAttribute], childInfo: [String] = []) {
        self.name = name
        self.mailbox = mailbox
        self.attributes = attributes
        self.childInfo = childInfo
    }
}

/// Computes what a LIST or LSUB lists from the account's mailboxes (pure; O(mailboxes × depth)
/// plus the matching).
public enum MailboxListing {
    /// The mailboxes `query` lists, sorted by name. `namespaceLevels` are names that are no
    /// mailbox but stand above some (`Shared`, `Shared/<owner>`): LIST reports them
    /// `\Noselect` (RFC 3501 §6.3.8, a level of hierarchy that is not a mailbox).
    public static func list(_ mailboxes: [MailboxInfo], namespaceLevels: Set<MailboxName> = [],
                            query: MailboxListQuery) -> [ListedMailbox] {
        var superiors = Set<String>()
        var superiorsOfSubscribed = Set<String>()
        for mailbox in mailboxes {
            var ancestor = mailbox.name.parent
            while let name = ancestor {
                superiors.insert(name.rawValue)
                if mailbox.isSubscribed { superiorsOfSubscribed.insert(name.rawValue) }
                ancestor = name.parent
            }
        }
        if query.isLSUB { return subscriptions(mailboxes, query: query) }
        var listed = [ListedMailbox]()
        for mailbox in mailboxes where query.matches(mailbox.name) {
            if query.specialUseOnly && mailbox.specialUse == nil { continue }
            let hasSubscribedInferior = superiorsOfSubscribed.contains(mailbox.name.rawValue)
            var childInfo = [String]()
            if query.subscribedOnly {
                guard mailbox.isSubscribed || (query.recursiveMatch && hasSubscribedInferior) else { continue }
                if query.recursiveMatch && hasSubscribedInferior { childInfo = ["SUBSCRIBED"] }
            }
            var attributes: [MailboxAttribute] = [superiors.contains(mailbox.name.rawValue) ? .hasChildren : .hasNoChildren]
            if let use = mailbox.specialUse { attributes.append(.specialUse(use)) }
            if (query.returnsSubscribed || query.subscribedOnly) && mailbox.isSubscribed { attributes.append(.subscribed) }
            listed.append(ListedMailbox(name: mailbox.name, mailbox: mailbox.id, attributes: attributes, childInfo: childInfo))
        }
        guard !namespaceLevels.isEmpty else { return listed }
        if !query.subscribedOnly && !query.specialUseOnly {
            for level in namespaceLevels where query.matches(level) {
                listed.append(ListedMailbox(name: level, mailbox: nil, attributes: [.noSelect, .hasChildren]))
            }
        }
        return listed.sorted { $0.name < $1.name }
    }

    /// LSUB (RFC 3501 §6.3.9): subscribed mailboxes that match; a superior that matches and
    /// is not subscribed while an inferior is, is listed `\Noselect`.
    private static func subscriptions(_ mailboxes: [MailboxInfo], query: MailboxListQuery) -> [ListedMailbox] {
        var listed = [String: ListedMailbox]()
        let subscribedNames = Set(mailboxes.filter(\.isSubscribed).map(\.name.rawValue))
        for mailbox in mailboxes where mailbox.isSubscribed {
            if query.matches(mailbox.name) {
                listed[mailbox.name.rawValue] = ListedMailbox(name: mailbox.name, mailbox: mailbox.id, attributes: [])
                continue
            }
            var ancestor = mailbox.name.parent
            while let name = ancestor, listed[name.rawValue] == nil {
                if !subscribedNames.contains(name.rawValue) && query.matches(name) {
                    listed[name.rawValue] = ListedMailbox(name: name, mailbox: nil, attributes: [.noSelect])
                    break
                }
                ancestor = name.parent
            }
        }
        return listed.values.sorted { $0.name < $1.name }
    }
}
