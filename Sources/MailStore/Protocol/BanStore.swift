/// Client addresses banned for abuse, kept in the store so that bans survive a restart and
/// reach every node sharing the store (`martlet ban list|remove` reads and lifts them).
/// Times are seconds since 1970.
public protocol BanStore: Sendable {
    /// Records a ban of `address` (replacing any earlier one of the same address).
    func saveBan(address: String, reason: String, created: Double, expires: Double) async throws(MailStoreError)
    /// The bans in force at `now`, soonest-ending first.
    func activeBans(at now: Double) async throws(MailStoreError) -> [StoredBan]
    /// Lifts the ban of `address`; false when there was none in force.
    func liftBan(address: String, at now: Double) async throws(MailStoreError) -> Bool
    /// Deletes bans that ended before `now`; returns how many.
    @discardableResult
    func removeExpiredBans(before now: Double) async throws(MailStoreError) -> Int
}

/// One ban as the store keeps it.
public struct StoredBan: Sendable, Hashable {
    public let address: String
    public let reason: String
    /// Seconds since 1970.
    public let created: Double
    /// Seconds since 1970.
    public let expires: Double

    public init(address: String, reason: String, created: Double, expires: Double) {
        self.address = address
        self.reason = reason
        self.created = created
        self.expires = expires
    }
}
