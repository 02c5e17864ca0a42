import MailCore

/// A special-use attribute named in `CREATE ... (USE (...))` (RFC 6154 §3).
public struct UseAttribute: Hashable, Sendable {
    /// The attribute name as sent, without the backslash, e.g. `Drafts`.
    public var name: String

    /// A value with the given fields.
    public init(name: String) { self.name = name }

    /// The special use it names (ignoring case); nil when it is not one RFC 6154 defines,
    /// which CREATE must refuse with `NO [USEATTR]`.
    public var specialUse: SpecialUse? {
        let wanted = "\\" + name.lowercased()
        return SpecialUse.allCases.first { $0.rawValue.lowercased() == wanted }
    }
}
