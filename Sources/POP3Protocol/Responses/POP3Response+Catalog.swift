/// The responses the session sends, each in one place.
extension POP3Response {
    /// "1 message", "2 messages".
    private static func messages(_ count: Int) -> String { count == 1 ? "1 message" : "\(count) messages" }

    // MARK: Connection

    /// The greeting; with APOP on, it carries the timestamp (RFC 1939 §7).
    static func greeting(hostname: String, timestamp: String?) -> POP3Response {
        .ok(["\(hostname) POP3 server ready", timestamp].compactMap { $0 }.joined(separator: " "))
    }

    static let goodbye = POP3Response.ok("Goodbye")
    static func signingOff(hostname: String, remainingMessages: Int) -> POP3Response {
        .ok("\(hostname) POP3 server signing off (\(messages(remainingMessages)) left)")
    }

    static let idleTimeout = POP3Response.error("Idle for too long, closing connection")
    static let shuttingDown = POP3Response.error(.temporarySystemFailure, "Server shutting down, try again later")
    static let tooManyBadCommands = POP3Response.error("Too many bad commands, closing connection")
    static let tooManyCommandsBeforeLogin = POP3Response.error("Too many commands before login, closing connection")
    static let tooManyAuthenticationFailures = POP3Response.error(
        .authentication, "Too many authentication failures, closing connection")
    static let tooMuchPipelinedInput = POP3Response.error("Too much pipelined input, closing connection")

    // MARK: Refused commands

    static let lineTooLong = POP3Response.error("Line too long")
    static func malformed(_ error: POP3CommandError) -> POP3Response { .error(error.description) }
    static let notAllowedBeforeLogin = POP3Response.error("Command not valid before login")
    static let notAllowedAfterLogin = POP3Response.error("Command not valid after login")
    static let commandNotOffered = POP3Response.error("Unknown command")

    // MARK: Authorization

    static let sendPassword = POP3Response.ok("Send PASS")
    static let sendUserFirst = POP3Response.error("Send USER first")
    /// DESIGN.md rule 4: no password in the clear.
    static let tlsRequired = POP3Response.error(.authentication, "Plaintext authentication requires TLS: use STLS first")
    static let plaintextAuthenticationDisabled = POP3Response.error(
        .authentication, "Plaintext authentication is not available on this connection")
    static let authenticationFailed = POP3Response.error(.authentication, "Authentication failed")
    static let authenticationCancelled = POP3Response.error("Authentication cancelled")
    static let authenticationLineTooLong = POP3Response.error("Authentication response too long")
    static let invalidBase64 = POP3Response.error("Invalid base64 in authentication response")
    static let unknownMechanism = POP3Response.error("Unrecognized authentication mechanism")
    static func mechanismList(_ names: [String]) -> POP3Response { .ok("Mechanisms follow", lines: names) }
    static func loggedIn(messages: Int, octets: Int) -> POP3Response {
        .ok("Logged in, maildrop has \(Self.messages(messages)) (\(octets) octets)")
    }

    // MARK: Maildrop

    static let maildropInUse = POP3Response.error(.inUse, "Maildrop is in use by another session")
    static let loginTooSoon = POP3Response.error(.loginDelay, "Logged in too recently, try again later")
    static let maildropTemporarilyUnavailable = POP3Response.error(
        .temporarySystemFailure, "Maildrop temporarily unavailable, try again later")
    static let maildropUnavailable = POP3Response.error(.permanentSystemFailure, "Maildrop unavailable")

    // MARK: STLS

    static let beginTLS = POP3Response.ok("Begin TLS negotiation")
    static let tlsAlreadyActive = POP3Response.error("TLS already active")
    static let stlsNotOffered = POP3Response.error("STLS not available")

    // MARK: Transaction

    static let noSuchMessage = POP3Response.error("No such message")
    static func messageAlreadyDeleted(_ number: Int) -> POP3Response {
        .error("Message \(number) already deleted")
    }
    static func messageMissing(_ number: Int) -> POP3Response {
        .error("Message \(number) was removed by another session")
    }
    static func messageUnreadable(_ number: Int) -> POP3Response {
        .error(.temporarySystemFailure, "Message \(number) cannot be read now, try again later")
    }
    static func messageDeleted(_ number: Int) -> POP3Response { .ok("Message \(number) deleted") }
    static func status(messages: Int, octets: Int) -> POP3Response { .ok("\(messages) \(octets)") }
    static func scanListing(_ lines: [String], messages: Int, octets: Int) -> POP3Response {
        .ok("\(Self.messages(messages)) (\(octets) octets)", lines: lines)
    }
    static func uniqueIDListing(_ lines: [String]) -> POP3Response { .ok("Unique-ID listing follows", lines: lines) }
    static func messageFollows(octets: Int) -> POP3Response { .ok("\(octets) octets") }
    static let topFollows = POP3Response.ok("Top of message follows")
    static let noop = POP3Response.ok("")
    static func reset(messages: Int, octets: Int) -> POP3Response {
        .ok("Maildrop has \(Self.messages(messages)) (\(octets) octets)")
    }
    static let deletionsNotCommitted = POP3Response.error(
        .temporarySystemFailure, "Deleted messages could not be removed; none were, try again later")

    // MARK: CAPA

    static func capabilities(_ lines: [String]) -> POP3Response { .ok("Capability list follows", lines: lines) }
}
