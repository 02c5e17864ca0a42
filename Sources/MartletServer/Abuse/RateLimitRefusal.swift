import AbuseDefense

/// A rate limit a client went over: which one, and its rate. Its description is the text
/// the protocols send ("too many messages from your address (limit 1000 per hour)").
struct RateLimitRefusal: Sendable, Equatable, CustomStringConvertible {
    /// What was counted and for whom: "new connections from your network".
    let subject: String
    let limit: RateLimit

    var description: String { "too many \(subject) (limit \(limit))" }
}
