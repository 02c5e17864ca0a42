import TOMLKit

extension ConfigurationSchema {
    /// `[bans]`.
    func bans(_ root: TOMLTable) throws(ConfigurationError) -> BanSettings {
        var settings = BanSettings()
        guard let table = try reader.table("bans", in: root, at: []) else { return settings }
        let path = ["bans"]
        settings.enabled = try reader.boolean("enabled", in: table, at: path) ?? settings.enabled
        for (key, keyPath) in [("max_failures", \BanSettings.maximumFailures), ("window_seconds", \.windowSeconds),
                               ("ban_seconds", \.banSeconds)] {
            guard let value = try reader.integer(key, in: table, at: path) else { continue }
            guard value >= 1 else { throw invalid(path + [key], "must be at least 1") }
            settings[keyPath: keyPath] = value
        }
        if let networks = try networks("allow_networks", in: table, at: path) { settings.allowNetworks = networks }
        return settings
    }
}
