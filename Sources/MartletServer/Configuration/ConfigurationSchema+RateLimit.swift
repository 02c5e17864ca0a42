import TOMLKit

extension ConfigurationSchema {
    /// `[rate_limits]`.
    func rateLimits(_ root: TOMLTable) throws(ConfigurationError) -> RateLimitSettings {
        RateLimitSettings()
    }
}
