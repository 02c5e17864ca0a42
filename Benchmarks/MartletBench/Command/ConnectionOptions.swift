import ArgumentParser
import NIOCore

/// `--host`, `--port`, `--tls` / `--starttls`, `--timeout`: the one server a run targets.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "The server to measure. Only this host is contacted.")
    var host: String

    @Option(help: "Its port (default: the protocol's standard port; its TLS port with --tls).")
    var port: Int?

    @Flag(help: "TLS from the first byte (ports 465, 993, 995). Certificates are not verified.")
    var tls = false

    @Flag(help: "Upgrade with STARTTLS (SMTP, IMAP) or STLS (POP3) after the greeting. Certificates are not verified.")
    var starttls = false

    @Option(help: ArgumentHelp("Seconds to wait for one connection or reply (at most \(Int(BenchLimits.maximumTimeoutSeconds))).", valueName: "seconds"))
    var timeout: Double = BenchLimits.defaultTimeoutSeconds

    func validate() throws {
        if tls && starttls { throw ValidationError("give either --tls or --starttls, not both") }
        if let port, !(1...65_535).contains(port) { throw ValidationError("--port must be 1...65535") }
        if host.isEmpty || host.contains(where: { $0 == " " || $0 == "/" }) { throw ValidationError("--host must be a host name or an IP address") }
        guard timeout > 0, timeout <= BenchLimits.maximumTimeoutSeconds else {
            throw ValidationError("--timeout must be more than 0 and at most \(Int(BenchLimits.maximumTimeoutSeconds)) seconds")
        }
    }

    /// "plain", "tls" or "starttls", as reports name it.
    var security: String { tls ? "tls" : starttls ? "starttls" : "plain" }

    /// The port to use: `--port`, else the protocol's default for the chosen security.
    func resolvedPort(standard: Int, implicitTLS: Int) -> Int {
        port ?? (tls ? implicitTLS : standard)
    }

    /// Where and how to connect.
    func endpoint(standardPort: Int, implicitTLSPort: Int) throws(BenchError) -> ClientConnection.Endpoint {
        ClientConnection.Endpoint(
            host: host, port: resolvedPort(standard: standardPort, implicitTLS: implicitTLSPort),
            tls: tls || starttls ? try TLSClientContext.make() : nil, implicitTLS: tls,
            timeout: .nanoseconds(Int64(timeout * 1e9)))
    }
}
