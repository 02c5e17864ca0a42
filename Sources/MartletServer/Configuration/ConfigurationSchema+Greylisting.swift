import TOMLKit

extension ConfigurationSchema {
    /// `[greylisting]` (see ``GreylistingSettings``).
    func greylisting(_ root: TOMLTable) throws(ConfigurationError) -> GreylistingSettings {
        var settings = GreylistingSettings()
        guard let table = try reader.table("greylisting", in: root, at: []) else { return settings }
        let path = ["greylisting"]
        settings.isEnabled = try reader.boolean("enabled", in: table, at: path) ?? false
        func count(_ key: String, minimum: Int, maximum: Int) throws(ConfigurationError) -> Int? {
            guard let value = try reader.integer(key, in: table, at: path) else { return nil }
            guard (minimum...maximum).contains(value) else { throw invalid(path + [key], "must be \(minimum)...\(maximum)") }
            return value
        }
        settings.delaySeconds = try count("delay_seconds", minimum: 1, maximum: 86_400) ?? settings.delaySeconds
        settings.windowSeconds = try count("window_seconds", minimum: 2, maximum: 30 * 86_400) ?? settings.windowSeconds
        settings.lifetimeDays = try count("lifetime_days", minimum: 1, maximum: 3650) ?? settings.lifetimeDays
        settings.whitelistAfter = try count("whitelist_after", minimum: 0, maximum: 1000) ?? settings.whitelistAfter
        guard settings.windowSeconds > settings.delaySeconds else {
            throw invalid(path + ["window_seconds"], "must be greater than delay_seconds (\(settings.delaySeconds))")
        }
        guard settings.lifetimeDays * 86_400 >= settings.windowSeconds else {
            throw invalid(path + ["lifetime_days"], "must cover window_seconds (\(settings.windowSeconds))")
        }
        return settings
    }
}
