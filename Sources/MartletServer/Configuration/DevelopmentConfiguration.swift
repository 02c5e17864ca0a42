import Foundation

extension ServerConfiguration {
    /// The default port base of `martlet dev`: SMTP on 2025, IMAP on 2143, and so on.
    public static let defaultDevelopmentPortBase = 2000

    /// The configuration of `martlet dev`: every service on 127.0.0.1 at `portBase` plus
    /// its standard port (SMTP 2025, submission 2587, submissions 2465, IMAP 2143, IMAPS
    /// 2993, POP3 2110, POP3S 2995 with the default base), a self-signed certificate, the
    /// SQLite store in `dataDirectory`, and cleartext login allowed on loopback only.
    ///
    /// - Parameters:
    ///   - dataDirectory: the data folder; a relative path is resolved against the current
    ///     directory.
    ///   - portBase: added to each standard port; every resulting port must be ≤ 65535.
    public static func development(
        dataDirectory: String = "./martlet-data",
        portBase: Int = ServerConfiguration.defaultDevelopmentPortBase,
        hostname: String = "localhost"
    ) throws(ConfigurationError) -> ServerConfiguration {
        func invalid(_ key: String, _ reason: String) -> ConfigurationError {
            ConfigurationError(file: nil, line: nil, problem: .invalidValue(key: key, reason: reason))
        }
        let highest = ListenerService.allCases.map(\.standardPort).max() ?? 0
        guard portBase >= 0, portBase + highest <= 65535 else {
            throw invalid("--port-base", "\(portBase) puts the highest port (\(highest)) above 65535")
        }
        if let reason = HostnameValidation.problem(with: hostname) {
            throw invalid("--hostname", reason)
        }
        guard !dataDirectory.isEmpty else { throw invalid("--data", "the path is empty") }
        var listeners = Listeners()
        for service in ListenerService.allCases {
            do {
                listeners[service] = [try NetworkAddress(host: "127.0.0.1", port: portBase + service.standardPort)]
            } catch {
                throw invalid("--port-base", String(describing: error))
            }
        }
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return ServerConfiguration(
            hostname: hostname,
            dataDirectory: PathResolution.absolute(dataDirectory, relativeTo: base),
            listeners: listeners,
            tls: .selfSigned,
            plaintextAuthentication: .loopback)
    }
}
