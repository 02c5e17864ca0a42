/// Command dispatch and the commands that need no transaction: HELO/EHLO, RSET, NOOP, QUIT,
/// VRFY, EXPN, HELP.
extension SMTPServerSession {
    mutating func handleCommandLine(_ line: [UInt8]) {
        if policy.authentication == .required, authenticatedIdentity == nil {
            commandsBeforeLogin += 1
            if commandsBeforeLogin > limits.maxCommandsBeforeLogin {
                closeConnection(with: .tooManyCommandsBeforeLogin(hostname: hostname))
                return
            }
        }
        let command: SMTPCommand
        do {
            command = try SMTPCommandParser.parse(
                line, allowsUTF8Recipients: transaction?.parameters.requestsSMTPUTF8 ?? false)
        } catch {
            rejectCommand(with: error.reply)
            if error == .malformedChunkCommand, !isClosed {
                // The chunk's length is unknown, so its octets would be read as commands.
                closeConnection(with: nil)
            }
            return
        }
        execute(command)
    }

    private mutating func execute(_ command: SMTPCommand) {
        switch command {
        case .ehlo(let name): hello(name, extended: true)
        case .helo(let name): hello(name, extended: false)
        case .mail(let sender, let parameters): mail(from: sender, parameters: parameters)
        case .rcpt(let recipient, let parameters): rcpt(to: recipient, parameters: parameters)
        case .data: data()
        case .bdat(let octets, let isLast): bdat(octets: octets, isLast: isLast)
        case .rset:
            resetTransaction()
            send(.ok)
        case .noop:
            send(.ok)
        case .quit:
            closeConnection(with: .closing(hostname: hostname))
        case .vrfy:
            if let refusal = accessRefusal() { return rejectCommand(with: refusal) }
            send(.cannotVerify)
        case .expn:
            if let refusal = accessRefusal() { return rejectCommand(with: refusal) }
            send(.expandNotAvailable)
        case .help:
            send(.help)
        case .startTLS:
            startTLS()
        case .auth(let mechanism, let initialResponse):
            authenticate(mechanism: mechanism, initialResponse: initialResponse)
        }
    }

    /// The 530 owed to a command that needs TLS or authentication the client lacks, if any
    /// (RFC 3207 §4, RFC 4954 §6).
    func accessRefusal() -> SMTPReply? {
        if policy.requiresTLS, tls == nil { return .tlsRequired }
        if policy.authentication == .required, authenticatedIdentity == nil { return .authenticationRequired }
        return nil
    }

    /// HELO and EHLO (RFC 5321 §4.1.1.1): they reset any transaction (§4.1.4).
    private mutating func hello(_ name: SMTPHelloName, extended: Bool) {
        resetTransaction()
        helloName = name
        usedExtendedHello = extended
        if extended {
            send(SMTPReply(code: 250, enhancedCode: nil, lines: [hostname] + extensionKeywords()))
        } else {
            send(SMTPReply(250, nil, hostname))
        }
    }

    /// The EHLO keywords, each only where it applies now.
    func extensionKeywords() -> [String] {
        let extensions = policy.extensions
        var keywords: [String] = []
        if extensions.contains(.pipelining) { keywords.append("PIPELINING") }
        keywords.append("SIZE \(limits.maxMessageSize)")
        if extensions.contains(.eightBitMIME) { keywords.append("8BITMIME") }
        if extensions.contains(.smtpUTF8) { keywords.append("SMTPUTF8") }
        if extensions.contains(.chunking) {
            keywords.append("CHUNKING")
            if extensions.contains(.binaryMIME) { keywords.append("BINARYMIME") }
        }
        if extensions.contains(.deliveryStatusNotifications) { keywords.append("DSN") }
        keywords.append("ENHANCEDSTATUSCODES")
        if canStartTLS { keywords.append("STARTTLS") }
        if authenticationAvailable {
            keywords.append((["AUTH"] + configuration.mechanisms.mechanismNames).joined(separator: " "))
        }
        return keywords
    }

    /// Whether STARTTLS is offered now: configured, and TLS not active yet.
    var canStartTLS: Bool { policy.offersSTARTTLS && tls == nil }

    /// Whether AUTH is offered now: configured, mechanisms exist, and TLS is active or the
    /// policy allows authentication without it.
    var authenticationAvailable: Bool {
        policy.authentication != .notOffered && !configuration.mechanisms.entries.isEmpty
            && (tls != nil || policy.allowsAuthenticationWithoutTLS)
    }
}
