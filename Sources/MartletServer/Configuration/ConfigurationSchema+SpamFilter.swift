import TOMLKit

extension ConfigurationSchema {
    /// `[spam]`.
    func spamFilter(_ root: TOMLTable) throws(ConfigurationError) -> SpamFilterSettings {
        SpamFilterSettings()
    }
}
