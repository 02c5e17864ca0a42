import ArgumentParser
import Foundation
import Logging
import MartletServer

/// `martlet dev [--data DIR] [--port-base N] [--hostname H] [--dns HOST:PORT]`
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run a complete server on this machine with no set-up (loopback only).",
        discussion: """
            Data goes to ./martlet-data (or --data). An empty store gets the domain localhost \
            and the user demo@localhost, whose generated password is printed once. A \
            self-signed certificate is generated and kept in the data folder. Listeners bind \
            to 127.0.0.1 at the port base plus each standard port (2025, 2587, 2465, 2143, \
            2993, 2110, 2995 with the default base). Stop with Ctrl-C.
            """
    )

    @Option(help: ArgumentHelp("The data folder.", valueName: "dir"))
    var data = StoreLocation.defaultDataDirectory

    @Option(help: ArgumentHelp("Added to every standard port.", valueName: "n"))
    var portBase = ServerConfiguration.defaultDevelopmentPortBase

    @Option(help: ArgumentHelp("The server's name (greeting, EHLO, certificate).", valueName: "name"))
    var hostname = "localhost"

    @Option(help: ArgumentHelp("The DNS server outbound mail looks up MX records with (default: those of /etc/resolv.conf).",
                               valueName: "host:port"))
    var dns: String?

    func run() async throws {
        var configuration = try ServerConfiguration.development(dataDirectory: data, portBase: portBase, hostname: hostname)
        if let dns {
            do {
                configuration.dnsNameservers = [try NetworkAddress(parsing: dns, defaultPort: 53)]
            } catch {
                throw ValidationError("--dns \(dns): \(error)")
            }
        }
        try await ServerLauncher.run(configuration, options: .init(createsDemoAccount: true), label: "martlet.dev")
    }
}

/// `martlet serve --config FILE`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the server as the configuration file says.",
        discussion: "Stops gracefully on SIGINT or SIGTERM."
    )

    @Option(help: ArgumentHelp("The TOML configuration file.", valueName: "file"))
    var config: String

    func run() async throws {
        let configuration = try ServerConfiguration.load(file: config)
        try await ServerLauncher.run(configuration, options: .init(createsDemoAccount: false), label: "martlet")
    }
}

/// What `dev` and `serve` share: logging, the runtime, and the start-up report on stdout.
enum ServerLauncher {
    static func run(_ configuration: ServerConfiguration, options: ServerRuntime.Options, label: String) async throws {
        MartletLogging.bootstrap(level: configuration.logLevel)
        let runtime = ServerRuntime(configuration: configuration, options: options, logger: Logger(label: label))
        try await runtime.run { report in
            printReport(report)
        }
    }

    /// Tells the person who started the server what runs and how to connect.
    static func printReport(_ report: ServerRuntime.ReadyReport) {
        var lines = ["Martlet is running as \(report.hostname)"]
        lines.append("  data:        \(report.dataDirectory)")
        lines.append("  TLS:         \(report.tlsSummary)")
        if let file = report.certificateFile {
            lines.append("               \(file)")
        }
        if let demo = report.demoAccount {
            lines.append("  demo user:   \(demo.address)")
            lines.append("  password:    \(demo.password)   (shown only this once)")
        }
        if report.listeners.isEmpty {
            lines.append("  listeners:   none yet in this version (SMTP, IMAP and POP3 are being built)")
        } else {
            for (service, address) in report.listeners {
                lines.append("  \(service.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(address)")
            }
        }
        lines.append("Ready. Stop with Ctrl-C (SIGINT) or SIGTERM.")
        // Written directly (not through stdout's buffer) so a pipe reader sees it at once.
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
