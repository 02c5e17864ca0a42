import TOMLKit

extension ConfigurationSchema {
    /// `[greylisting]`.
    func greylisting(_ root: TOMLTable) throws(ConfigurationError) -> GreylistingSettings {
        GreylistingSettings()
    }
}
