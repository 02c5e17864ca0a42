import AbuseDefense
import TOMLKit

extension ConfigurationSchema {
    /// `[rate_limits]`.
    func rateLimits(_ root: TOMLTable) throws(ConfigurationError) -> RateLimitSettings {
        var settings = RateLimitSettings()
        guard let table = try reader.table("rate_limits", in: root, at: []) else { return settings }
        let path = ["rate_limits"]
        for field in RateLimitSettings.scopedFields {
            for scope in field.scopes {
                let key = field.kind + scope.suffix
                guard let text = try reader.string(key, in: table, at: path) else { continue }
                if text == "off" {
                    settings[keyPath: field.keyPath][keyPath: scope.keyPath] = nil
                    continue
                }
                guard let rate = RateLimit(parsing: text) else {
                    throw invalid(path + [key], "\"\(text)\" is not a rate such as \"30/minute\", \"500/hour\", \"5/10s\" or \"off\"")
                }
                settings[keyPath: field.keyPath][keyPath: scope.keyPath] = rate
            }
        }
        if let count = try reader.integer("connections_per_network", in: table, at: path) {
            guard count >= 1 else { throw invalid(path + ["connections_per_network"], "must be at least 1") }
            settings.connectionsPerNetwork = count
        }
        if let networks = try networks("exempt_networks", in: table, at: path) { settings.exemptNetworks = networks }
        return settings
    }
}
