/// The `[antivirus]` table of the configuration file.
public struct AntivirusSettings: Sendable, Equatable {
    /// The keys the `[antivirus]` table accepts.
    static let configurationKeys: Set<String> = []

    public init() {}
}
