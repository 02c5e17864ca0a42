/// A client address refused every connection until `expires` (seconds since 1970).
public struct Ban: Sendable, Hashable {
    /// The banned IP address, as text.
    public let address: String
    /// Why: e.g. "10 authentication failures in 600 seconds".
    public let reason: String
    /// When the ban began, seconds since 1970.
    public let created: Double
    /// When the ban ends, seconds since 1970.
    public let expires: Double

    public init(address: String, reason: String, created: Double, expires: Double) {
        self.address = address
        self.reason = reason
        self.created = created
        self.expires = expires
    }

    /// Whether the ban is in force at `now`.
    public func isActive(at now: Double) -> Bool { now < expires }
}
