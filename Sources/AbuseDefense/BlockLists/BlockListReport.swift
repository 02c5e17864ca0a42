/// What checking a client against every configured block list found.
public struct BlockListReport: Sendable, Hashable {
    /// The lists that list the client, in the configured order.
    public var listings: [BlockListing] = []
    /// Lists that gave no usable answer — a DNS failure, the time running out, or a refusal
    /// code — with the reason. The client counts as not listed by them (fail open).
    public var failures: [BlockListFailure] = []

    /// An empty report.
    public init(listings: [BlockListing] = [], failures: [BlockListFailure] = []) {
        self.listings = listings
        self.failures = failures
    }

    /// Whether any list lists the client.
    public var isListed: Bool { !listings.isEmpty }
}

/// A list that gave no usable answer.
public struct BlockListFailure: Sendable, Hashable, CustomStringConvertible {
    /// The zone.
    public let zone: String
    /// Why, for the log.
    public let reason: String

    /// A failure.
    public init(zone: String, reason: String) {
        self.zone = zone
        self.reason = reason
    }

    public var description: String { "\(zone): \(reason)" }
}
