/// The `[greylisting]` table of the configuration file.
public struct GreylistingSettings: Sendable, Equatable {
    /// The keys the `[greylisting]` table accepts.
    static let configurationKeys: Set<String> = []

    public init() {}
}
