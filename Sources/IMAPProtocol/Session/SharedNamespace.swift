import MailCore

/// The names under which a session sees other accounts' mailboxes: the "other users'
/// namespace" of RFC 2342 §4, `Shared/<owner address>/<the owner's name for it>`. The
/// account's own mailboxes are in the personal namespace, the empty prefix.
///
/// `Shared` itself and `Shared/<owner>` are not mailboxes: LIST shows them `\Noselect`
/// so that a client browsing level by level (`%`) finds the shared mailboxes. A name of
/// the account's own that begins with `Shared/` is therefore not reachable.
public enum SharedNamespace {
    /// The first level of every shared name.
    public static let root = "Shared"
    /// The namespace prefix NAMESPACE announces.
    public static let prefix = root + "/"

    /// What a client's mailbox name refers to.
    public enum Reference: Hashable, Sendable {
        /// A mailbox of the session's own account.
        case personal(MailboxName)
        /// Another account's mailbox: the owner as written (an address) and the owner's name for it.
        case shared(owner: String, name: MailboxName)
        /// `Shared` or `Shared/<owner>`: a level of the namespace, never a mailbox.
        case namespaceLevel
    }

    /// What `name` refers to.
    public static func reference(to name: MailboxName) -> Reference {
        let levels = name.levels
        guard levels.first == Substring(root) else { return .personal(name) }
        guard levels.count > 2, let inner = try? MailboxName(levels.dropFirst(2).joined(separator: "/")) else {
            return .namespaceLevel
        }
        return .shared(owner: String(levels[1]), name: inner)
    }

    /// The shared name of `owner`'s mailbox `name`; nil when the owner's address cannot be
    /// one level of a name (it contains the delimiter) or the result is too long or deep.
    public static func name(of name: MailboxName, ownedBy owner: EmailAddress) -> MailboxName? {
        let address = owner.description
        guard !address.contains(MailboxName.delimiter) else { return nil }
        return try? MailboxName(prefix + address + "/" + name.rawValue)
    }

    /// The namespace levels above `name`'s shared mailboxes: `Shared` and `Shared/<owner>`.
    static func levels(above owner: EmailAddress) -> [MailboxName] {
        [try? MailboxName(root), try? MailboxName(prefix + owner.description)].compactMap { $0 }
    }
}
