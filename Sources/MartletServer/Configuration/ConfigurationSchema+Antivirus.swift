import TOMLKit

extension ConfigurationSchema {
    /// `[antivirus]`: clamd's address, what to do when it is down, the scan timeout and the
    /// largest message scanned.
    func antivirus(_ root: TOMLTable) throws(ConfigurationError) -> AntivirusSettings {
        var settings = AntivirusSettings()
        let path = ["antivirus"]
        guard let table = try reader.table("antivirus", in: root, at: []) else { return settings }
        settings.isEnabled = try reader.boolean("enabled", in: table, at: path) ?? false
        if let text = try reader.string("address", in: table, at: path) {
            do {
                settings.address = try ClamdAddress(parsing: text, relativeTo: baseDirectory)
            } catch {
                throw invalid(path + ["address"], error.description)
            }
        }
        settings.failsOpen = try reader.boolean("fail_open", in: table, at: path) ?? false
        if let seconds = try reader.integer("timeout_seconds", in: table, at: path) {
            guard (1...3600).contains(seconds) else { throw invalid(path + ["timeout_seconds"], "must be 1...3600") }
            settings.timeout = .seconds(seconds)
        }
        if let size = try reader.integer("max_scan_size", in: table, at: path) {
            guard size >= 1 else { throw invalid(path + ["max_scan_size"], "must be at least 1 octet") }
            settings.maximumScanSize = size
        }
        return settings
    }
}
