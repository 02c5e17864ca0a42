import MailStore

/// A client address (or IPv6 /64, see ``BanKey``) refused every connection until `expires`
/// (seconds since 1970): the store's record of it.
public typealias Ban = StoredBan

extension StoredBan {
    /// Whether the ban is in force at `now`.
    public func isActive(at now: Double) -> Bool { now < expires }
}
