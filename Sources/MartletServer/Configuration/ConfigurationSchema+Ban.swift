import TOMLKit

extension ConfigurationSchema {
    /// `[bans]`.
    func bans(_ root: TOMLTable) throws(ConfigurationError) -> BanSettings {
        BanSettings()
    }
}
