import Foundation
import MailCore
import MailStore

/// Where the store of a Martlet installation lives, from `--config FILE` or `--data DIR`,
/// and how to open it.
public struct StoreLocation: Sendable {
    /// The data folder, absolute.
    public let dataDirectory: String
    /// The limits the store enforces (from the configuration's `[limits]`).
    public let limits: Limits
    /// The backend the configuration names.
    public let backend: ServerConfiguration.StoreBackend

    /// The folder `martlet dev` and the admin commands use when given neither option.
    public static let defaultDataDirectory = "./martlet-data"

    /// Reads the configuration file if one is given; otherwise uses `dataDirectory`
    /// (default `./martlet-data`) with default limits.
    public init(configurationFile: String?, dataDirectory: String?) throws(ConfigurationError) {
        if let configurationFile {
            self.init(configuration: try ServerConfiguration.load(file: configurationFile))
        } else {
            let folder = PathResolution.absolute(dataDirectory ?? Self.defaultDataDirectory, relativeTo: URL(
                fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            self.init(dataDirectory: folder, limits: Limits.defaults, backend: .sqlite)
        }
    }

    /// The store of a loaded configuration.
    public init(configuration: ServerConfiguration) {
        self.init(dataDirectory: configuration.dataDirectory, limits: configuration.limits, backend: configuration.store)
    }

    private init(dataDirectory: String, limits: Limits, backend: ServerConfiguration.StoreBackend) {
        self.dataDirectory = dataDirectory
        self.limits = limits
        self.backend = backend
    }

    /// Opens the store for an admin command. Such a command may run while the server does,
    /// so it leaves the server's in-flight files alone (no garbage collection).
    public func openForAdministration() async throws(StoreOpeningError) -> SQLiteMailStore {
        try await open(collectingGarbage: false)
    }

    /// Opens the store for the server process, which owns it: what a crash left behind
    /// (spool files, blob files never committed) is removed first.
    public func openForServer() async throws(StoreOpeningError) -> SQLiteMailStore {
        try await open(collectingGarbage: true)
    }

    private func open(collectingGarbage: Bool) async throws(StoreOpeningError) -> SQLiteMailStore {
        guard case .sqlite = backend else { throw .backendUnavailable("postgres") }
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(dataDirectory, reason: error.localizedDescription)
        }
        do throws(MailStoreError) {
            return try await SQLiteMailStore.open(
                directory: dataDirectory,
                limits: storeLimits,
                analyzer: .parser(MessageParser(limits: MessageParserLimits(limits))),
                collectingGarbage: collectingGarbage)
        } catch {
            throw .store(error)
        }
    }

    /// The store's limits as the configuration sets them.
    var storeLimits: MailStoreLimits {
        var storeLimits = MailStoreLimits()
        storeLimits.maximumMessageSize = limits.maxMessageSize
        return storeLimits
    }
}

/// Why the store could not be opened.
public enum StoreOpeningError: Error, CustomStringConvertible {
    case backendUnavailable(String)
    case cannotCreateDirectory(String, reason: String)
    case store(MailStoreError)

    public var description: String {
        switch self {
        case .backendUnavailable(let name): "the \(name) store backend is not available in this version; use backend = \"sqlite\""
        case .cannotCreateDirectory(let path, let reason): "cannot create the data folder \(path): \(reason)"
        case .store(let error): "cannot open the store: \(error)"
        }
    }
}
