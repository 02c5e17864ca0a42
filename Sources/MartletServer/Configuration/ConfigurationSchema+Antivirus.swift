import TOMLKit

extension ConfigurationSchema {
    /// `[antivirus]`.
    func antivirus(_ root: TOMLTable) throws(ConfigurationError) -> AntivirusSettings {
        AntivirusSettings()
    }
}
