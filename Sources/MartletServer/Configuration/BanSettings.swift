/// The `[bans]` table of the configuration file.
public struct BanSettings: Sendable, Equatable {
    /// The keys the `[bans]` table accepts.
    static let configurationKeys: Set<String> = []

    public init() {}
}
