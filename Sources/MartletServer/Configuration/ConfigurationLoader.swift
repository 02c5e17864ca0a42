import DNSResolver
import Foundation
import Logging
import MailCore
import TOMLKit

extension ServerConfiguration {
    /// The largest configuration file read, in bytes.
    static let maximumFileSize = 1_048_576

    /// Reads and validates the TOML configuration at `path`.
    ///
    /// Relative paths inside the file (`data`, `tls.certificate`, `tls.key`) are resolved
    /// against the directory containing the file, so a configuration means the same thing
    /// whatever directory the server is started from.
    public static func load(file path: String) throws(ConfigurationError) -> ServerConfiguration {
        func unreadable(_ reason: String) -> ConfigurationError {
            ConfigurationError(file: path, line: nil, problem: .unreadableFile(reason: reason))
        }
        guard FileManager.default.fileExists(atPath: path) else { throw unreadable("no such file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw unreadable("permission denied") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw unreadable(String(describing: error))
        }
        guard data.count <= maximumFileSize else { throw unreadable("larger than \(maximumFileSize) bytes") }
        guard let text = String(validating: data, as: UTF8.self) else { throw unreadable("not UTF-8 text") }
        let absolutePath = PathResolution.absolute(path, relativeTo: URL(
            fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
        let directory = URL(fileURLWithPath: absolutePath).deletingLastPathComponent()
        return try parse(toml: text, file: path, baseDirectory: directory)
    }

    /// Validates a TOML configuration held in memory. `file` names it in errors;
    /// relative paths are resolved against `baseDirectory`.
    public static func parse(toml text: String, file: String, baseDirectory: URL) throws(ConfigurationError) -> ServerConfiguration {
        // toml++ reads a C string: a NUL would silently end the document.
        if let nul = text.unicodeScalars.firstIndex(of: "\u{0}") {
            let before = text.unicodeScalars[..<nul]
            let line = before.count(where: { $0 == "\n" }) + 1
            let column = before.count - (before.lastIndex(of: "\n").map { before[...$0].count } ?? 0) + 1
            throw ConfigurationError(file: file, line: line, problem: .syntax(message: "NUL character", column: column))
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                file: file, line: error.source.begin.line,
                problem: .syntax(
                    message: error.description.split(whereSeparator: \.isNewline).joined(separator: " "),
                    column: error.source.begin.column))
        } catch {
            throw ConfigurationError(file: file, line: nil, problem: .syntax(message: String(describing: error), column: 1))
        }
        let reader = TOMLDocumentReader(file: file, locator: TOMLKeyLocator(text: text))
        return try ConfigurationSchema(reader: reader, baseDirectory: baseDirectory).configuration(from: root)
    }
}

/// The layout of the configuration file (DESIGN.md, "Command line and configuration"):
/// which keys exist, their types, and what values they accept. The abuse-defense tables are
/// read in files of their own (`ConfigurationSchema+….swift`).
struct ConfigurationSchema {
    let reader: TOMLDocumentReader
    let baseDirectory: URL

    /// The keys of each table; `nil` is the top level.
    static let knownKeys: [String?: Set<String>] = [
        nil: ["hostname", "data", "listen", "tls", "dns", "outbound", "store", "limits", "log", "auth", "mail_auth",
              "rate_limits", "bans", "dnsbl", "greylisting", "antivirus", "spam", "imap"],
        "listen": Set(ListenerService.allCases.map(\.rawValue)),
        "tls": ["certificate", "key"],
        "dns": ["nameservers"],
        "outbound": ["port", "retry_seconds", "delay_notice_seconds", "connections_per_destination", "max_connections",
                     "require_tls"],
        "store": ["backend", "url"],
        "limits": Set(Limits.fields.map(\.key)),
        "log": ["level"],
        "auth": ["plaintext_without_tls", "apop"],
        "mail_auth": ["authserv_id", "public_suffix_list", "verify", "enforce_dmarc", "dkim_sign", "trusted_networks"],
        "rate_limits": RateLimitSettings.configurationKeys,
        "bans": BanSettings.configurationKeys,
        "dnsbl": BlockListSettings.configurationKeys,
        "greylisting": GreylistingSettings.configurationKeys,
        "antivirus": AntivirusSettings.configurationKeys,
        "spam": SpamFilterSettings.configurationKeys,
        "imap": ["compress"],
    ]

    func configuration(from root: TOMLTable) throws(ConfigurationError) -> ServerConfiguration {
        try rejectUnknownKeys(root)
        let hostname = try reader.requiredString("hostname", in: root, at: [])
        if let reason = HostnameValidation.problem(with: hostname) {
            throw reader.error(at: ["hostname"], .invalidValue(key: "hostname", reason: reason))
        }
        let data = try reader.requiredString("data", in: root, at: [])
        guard !data.isEmpty else {
            throw reader.error(at: ["data"], .invalidValue(key: "data", reason: "the path is empty"))
        }
        var configuration = ServerConfiguration(
            hostname: hostname, dataDirectory: PathResolution.absolute(data, relativeTo: baseDirectory))
        configuration.listeners = try listeners(root)
        configuration.tls = try tls(root)
        configuration.dnsNameservers = try nameservers(root)
        configuration.outbound = try outbound(root)
        configuration.store = try store(root)
        configuration.limits = try limits(root)
        configuration.logLevel = try logLevel(root)
        configuration.plaintextAuthentication = try plaintextAuthentication(root)
        configuration.offersAPOP = try offersAPOP(root)
        configuration.offersIMAPCompression = try offersIMAPCompression(root)
        configuration.senderAuthentication = try senderAuthentication(root)
        configuration.rateLimits = try rateLimits(root)
        configuration.bans = try bans(root)
        configuration.blockLists = try blockLists(root)
        configuration.greylisting = try greylisting(root)
        configuration.antivirus = try antivirus(root)
        configuration.spamFilter = try spamFilter(root)
        return configuration
    }

    /// Refuses every key the schema does not know before any value is examined, so the
    /// first complaint is about a misspelling rather than its consequence.
    private func rejectUnknownKeys(_ root: TOMLTable) throws(ConfigurationError) {
        var unknown = reader.unknownKeys(in: root, at: [], known: Self.knownKeys[nil] ?? [])
        for (name, known) in Self.knownKeys {
            guard let name, let table = root[name]?.table else { continue }
            unknown += reader.unknownKeys(in: table, at: [name], known: known)
        }
        try reader.rejectUnknownKeys(unknown)
    }

    func invalid(_ path: [String], _ reason: String) -> ConfigurationError {
        reader.error(at: path, .invalidValue(key: path.joined(separator: "."), reason: reason))
    }

    private func listeners(_ root: TOMLTable) throws(ConfigurationError) -> ServerConfiguration.Listeners {
        var listeners = ServerConfiguration.Listeners()
        guard let table = try reader.table("listen", in: root, at: []) else { return listeners }
        var owners: [NetworkAddress: ListenerService] = [:]
        for service in ListenerService.allCases {
            let path = ["listen", service.rawValue]
            for text in try reader.strings(service.rawValue, in: table, at: ["listen"]) ?? [] {
                let address: NetworkAddress
                do {
                    address = try NetworkAddress(parsing: text)
                } catch {
                    throw invalid(path, String(describing: error))
                }
                if address.port != 0, let owner = owners[address] {
                    throw invalid(path, "\(address) is also listed for \(owner.rawValue)")
                }
                owners[address] = service
                listeners[service].append(address)
            }
        }
        return listeners
    }

    private func tls(_ root: TOMLTable) throws(ConfigurationError) -> ServerConfiguration.TLSSource {
        guard let table = try reader.table("tls", in: root, at: []) else { return .selfSigned }
        let certificate = try reader.string("certificate", in: table, at: ["tls"])
        let key = try reader.string("key", in: table, at: ["tls"])
        switch (certificate, key) {
        case (nil, nil):
            return .selfSigned
        case (let certificate?, let key?):
            guard !certificate.isEmpty else { throw invalid(["tls", "certificate"], "the path is empty") }
            guard !key.isEmpty else { throw invalid(["tls", "key"], "the path is empty") }
            return .files(
                certificate: PathResolution.absolute(certificate, relativeTo: baseDirectory),
                key: PathResolution.absolute(key, relativeTo: baseDirectory))
        case (nil, _):
            throw reader.error(at: ["tls"], .missingKey("tls.certificate"))
        case (_, nil):
            throw reader.error(at: ["tls"], .missingKey("tls.key"))
        }
    }

    private func nameservers(_ root: TOMLTable) throws(ConfigurationError) -> [NetworkAddress]? {
        guard let table = try reader.table("dns", in: root, at: []) else { return nil }
        guard let texts = try reader.strings("nameservers", in: table, at: ["dns"]) else { return nil }
        guard !texts.isEmpty else { throw invalid(["dns", "nameservers"], "the list is empty; omit it to use /etc/resolv.conf") }
        var addresses: [NetworkAddress] = []
        for text in texts {
            do {
                let address = try NetworkAddress(parsing: text, defaultPort: 53)
                guard address.port != 0 else { throw NetworkAddressError.portOutOfRange(0) }
                addresses.append(address)
            } catch {
                throw invalid(["dns", "nameservers"], String(describing: error))
            }
        }
        return addresses
    }

    private func outbound(_ root: TOMLTable) throws(ConfigurationError) -> OutboundSettings {
        var settings = OutboundSettings()
        guard let table = try reader.table("outbound", in: root, at: []) else { return settings }
        if let port = try reader.integer("port", in: table, at: ["outbound"]) {
            guard (1...65535).contains(port) else { throw invalid(["outbound", "port"], "\(port) is outside 1...65535") }
            settings.port = port
        }
        if let seconds = try reader.integers("retry_seconds", in: table, at: ["outbound"]) {
            guard !seconds.isEmpty, seconds.allSatisfy({ $0 >= 1 }) else {
                throw invalid(["outbound", "retry_seconds"], "give one or more waits of at least 1 second")
            }
            settings.retrySchedule.intervals = seconds.map { .seconds($0) }
        }
        if let seconds = try reader.integer("delay_notice_seconds", in: table, at: ["outbound"]) {
            guard seconds >= 1 else { throw invalid(["outbound", "delay_notice_seconds"], "must be at least 1") }
            settings.retrySchedule.delayNoticeAfter = .seconds(seconds)
        }
        if let count = try reader.integer("connections_per_destination", in: table, at: ["outbound"]) {
            guard (1...1000).contains(count) else { throw invalid(["outbound", "connections_per_destination"], "must be 1...1000") }
            settings.connectionsPerDestination = count
        }
        if let count = try reader.integer("max_connections", in: table, at: ["outbound"]) {
            guard (1...10_000).contains(count) else { throw invalid(["outbound", "max_connections"], "must be 1...10000") }
            settings.maximumConnections = count
        }
        if let domains = try reader.strings("require_tls", in: table, at: ["outbound"]) {
            settings.requireTLSDomains = Set(domains.map { $0.lowercased() })
        }
        return settings
    }

    private func store(_ root: TOMLTable) throws(ConfigurationError) -> ServerConfiguration.StoreBackend {
        guard let table = try reader.table("store", in: root, at: []) else { return .sqlite }
        let backend = try reader.string("backend", in: table, at: ["store"]) ?? "sqlite"
        let url = try reader.string("url", in: table, at: ["store"])
        switch backend {
        case "sqlite":
            guard url == nil else { throw invalid(["store", "url"], "a URL is only used with backend = \"postgres\"") }
            return .sqlite
        case "postgres":
            guard let url else { throw reader.error(at: ["store", "backend"], .missingKey("store.url")) }
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw invalid(["store", "url"], "must start with postgres:// or postgresql://")
            }
            return .postgres(url: url)
        default:
            throw invalid(["store", "backend"], "\"\(backend)\" is neither \"sqlite\" nor \"postgres\"")
        }
    }

    private func limits(_ root: TOMLTable) throws(ConfigurationError) -> Limits {
        var limits = Limits()
        guard let table = try reader.table("limits", in: root, at: []) else { return limits }
        for field in Limits.fields {
            guard let value = try reader.integer(field.key, in: table, at: ["limits"]) else { continue }
            guard value >= field.minimum else {
                throw invalid(["limits", field.key], "\(value) is below the minimum of \(field.minimum)")
            }
            limits[keyPath: field.keyPath] = value
        }
        return limits
    }

    private func logLevel(_ root: TOMLTable) throws(ConfigurationError) -> Logger.Level {
        guard let table = try reader.table("log", in: root, at: []) else { return .info }
        guard let text = try reader.string("level", in: table, at: ["log"]) else { return .info }
        guard let level = Logger.Level(rawValue: text) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw invalid(["log", "level"], "\"\(text)\" is not one of \(names)")
        }
        return level
    }

    /// `[mail_auth]`: SPF/DKIM/ARC/DMARC checks and DKIM signing.
    private func senderAuthentication(_ root: TOMLTable) throws(ConfigurationError) -> SenderAuthenticationSettings {
        var settings = SenderAuthenticationSettings()
        guard let table = try reader.table("mail_auth", in: root, at: []) else { return settings }
        if let id = try reader.string("authserv_id", in: table, at: ["mail_auth"]) {
            if let reason = HostnameValidation.problem(with: id) { throw invalid(["mail_auth", "authserv_id"], reason) }
            settings.authservID = id
        }
        if let path = try reader.string("public_suffix_list", in: table, at: ["mail_auth"]) {
            guard !path.isEmpty else { throw invalid(["mail_auth", "public_suffix_list"], "the path is empty") }
            settings.publicSuffixListPath = PathResolution.absolute(path, relativeTo: baseDirectory)
        }
        settings.verifiesInbound = try reader.boolean("verify", in: table, at: ["mail_auth"]) ?? true
        settings.enforcesDMARC = try reader.boolean("enforce_dmarc", in: table, at: ["mail_auth"]) ?? true
        settings.signsSubmissions = try reader.boolean("dkim_sign", in: table, at: ["mail_auth"]) ?? true
        if let networks = try networks("trusted_networks", in: table, at: ["mail_auth"]) {
            settings.trustedNetworks = networks
        }
        return settings
    }

    /// A list of networks ("192.0.2.0/24", "2001:db8::/32", or a bare address).
    func networks(_ key: String, in table: TOMLTable, at path: [String]) throws(ConfigurationError) -> [IPNetwork]? {
        guard let texts = try reader.strings(key, in: table, at: path) else { return nil }
        return try texts.map { text throws(ConfigurationError) in
            guard let network = IPNetwork(text) else {
                throw invalid(path + [key], "\"\(text)\" is not an address or address/length")
            }
            return network
        }
    }

    /// `[auth] apop`: whether POP3 offers APOP to accounts with an APOP secret (off by default).
    private func offersAPOP(_ root: TOMLTable) throws(ConfigurationError) -> Bool {
        guard let table = try reader.table("auth", in: root, at: []) else { return false }
        return try reader.boolean("apop", in: table, at: ["auth"]) ?? false
    }

    private func plaintextAuthentication(
        _ root: TOMLTable
    ) throws(ConfigurationError) -> ServerConfiguration.PlaintextAuthenticationPolicy {
        guard let table = try reader.table("auth", in: root, at: []) else { return .refuse }
        guard let text = try reader.string("plaintext_without_tls", in: table, at: ["auth"]) else { return .refuse }
        guard let policy = ServerConfiguration.PlaintextAuthenticationPolicy(rawValue: text) else {
            let names = ServerConfiguration.PlaintextAuthenticationPolicy.allCases.map(\.rawValue).joined(separator: ", ")
            throw invalid(["auth", "plaintext_without_tls"], "\"\(text)\" is not one of \(names)")
        }
        return policy
    }
}
