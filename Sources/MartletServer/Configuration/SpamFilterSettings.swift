/// The `[spam]` table of the configuration file.
public struct SpamFilterSettings: Sendable, Equatable {
    /// The keys the `[spam]` table accepts.
    static let configurationKeys: Set<String> = []

    public init() {}
}
