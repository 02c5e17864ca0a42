import TOMLKit

extension ConfigurationSchema {
    /// `[dnsbl]`.
    func blockLists(_ root: TOMLTable) throws(ConfigurationError) -> BlockListSettings {
        BlockListSettings()
    }
}
