/// The `[rate_limits]` table of the configuration file.
public struct RateLimitSettings: Sendable, Equatable {
    /// The keys the `[rate_limits]` table accepts.
    static let configurationKeys: Set<String> = []

    public init() {}
}
