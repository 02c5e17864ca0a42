/// The `[dnsbl]` table of the configuration file.
public struct BlockListSettings: Sendable, Equatable {
    /// The keys the `[dnsbl]` table accepts.
    static let configurationKeys: Set<String> = []

    public init() {}
}
