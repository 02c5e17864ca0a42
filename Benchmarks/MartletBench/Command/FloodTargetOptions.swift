import ArgumentParser

/// Where the flood workload connects: one loopback host, its SMTP, submission and IMAP
/// ports, how each is secured, and the legitimate account.
struct FloodTargetOptions: ParsableArguments {
    /// How a legitimate session is protected.
    enum Security: String, ExpressibleByArgument, CaseIterable, Sendable {
        /// STARTTLS after the greeting (ports 587, 143).
        case starttls
        /// TLS from the first byte (ports 465, 993).
        case tls
        /// No TLS: credentials in the clear (only servers that allow it on loopback).
        case plain
    }

    @Option(help: "The server to measure: a 127.x.x.x address or localhost. Nothing else is accepted.")
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("Added to each standard port (e.g. 7000 for `martlet dev --port-base 7000`).", valueName: "n"))
    var portBase = 0

    @Option(help: "Port 25-style SMTP port the flood and held connections use (default: base + 25).")
    var smtpPort: Int?

    @Option(help: "The submission port of the legitimate client (default: base + 587, or base + 465 with --submission-security tls).")
    var submissionPort: Int?

    @Option(help: "starttls, tls or plain. Certificates are never verified.")
    var submissionSecurity: Security = .starttls

    @Option(help: "The IMAP port of the legitimate client (default: base + 143, or base + 993 with --imap-security tls).")
    var imapPort: Int?

    @Option(help: "starttls, tls or plain. Certificates are never verified.")
    var imapSecurity: Security = .starttls

    @Option(help: "The legitimate client's account (IMAP login, submission AUTH PLAIN, envelope sender).")
    var user: String

    @Option(help: "Its password.")
    var password: String

    @Option(help: ArgumentHelp("Seconds to wait for one connection or reply (at most \(Int(BenchLimits.maximumTimeoutSeconds))).", valueName: "seconds"))
    var timeout = 10.0

    func validate() throws {
        guard LoopbackAddress(host) != nil else {
            throw ValidationError("--host must be a loopback address (127.x.x.x or localhost): the flood never leaves this machine")
        }
        guard (0...60_000).contains(portBase) else { throw ValidationError("--port-base must be 0...60000") }
        for (name, port) in [("--smtp-port", smtpPort), ("--submission-port", submissionPort), ("--imap-port", imapPort)] {
            if let port, !(1...65_535).contains(port) { throw ValidationError("\(name) must be 1...65535") }
        }
        for (name, port) in [("smtp", resolvedSMTPPort), ("submission", resolvedSubmissionPort), ("imap", resolvedIMAPPort)]
        where !(1...65_535).contains(port) {
            throw ValidationError("the \(name) port \(port) (from --port-base) is not 1...65535")
        }
        guard !user.isEmpty, IMAPQuoting.canQuote(user), !user.contains(" "), !user.contains("<"), !user.contains(">") else {
            throw ValidationError("--user must be a bare address without spaces, CR, LF or NUL")
        }
        guard !password.isEmpty, IMAPQuoting.canQuote(password) else {
            throw ValidationError("--password must be non-empty, without CR, LF or NUL")
        }
        guard timeout > 0, timeout <= BenchLimits.maximumTimeoutSeconds else {
            throw ValidationError("--timeout must be more than 0 and at most \(Int(BenchLimits.maximumTimeoutSeconds)) seconds")
        }
    }

    /// The host as a loopback address (validated).
    var loopbackHost: String { LoopbackAddress(host)?.description ?? "127.0.0.1" }

    var resolvedSMTPPort: Int { smtpPort ?? portBase + 25 }
    var resolvedSubmissionPort: Int { submissionPort ?? portBase + (submissionSecurity == .tls ? 465 : 587) }
    var resolvedIMAPPort: Int { imapPort ?? portBase + (imapSecurity == .tls ? 993 : 143) }
}
