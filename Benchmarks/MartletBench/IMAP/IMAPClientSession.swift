import NIOCore

/// The client side of one IMAP session: greeting, STARTTLS, LOGIN, and the commands the
/// workloads use. It tracks the selected mailbox's message count from EXISTS and EXPUNGE.
struct IMAPClientSession: Sendable {
    let connection: ClientConnection
    private(set) var capabilities: Set<String>
    /// Messages in the selected mailbox, as far as the server's responses told.
    private(set) var messageCount = 0
    private var tagNumber = 0
    private var idleTag: String?

    /// Connects, reads the greeting and learns the capabilities; with `startTLS`, upgrades
    /// (RFC 9051 §6.2.1) and asks for the capabilities again.
    static func open(
        _ endpoint: ClientConnection.Endpoint, group: any EventLoopGroup, startTLS: Bool
    ) async throws(BenchError) -> IMAPClientSession {
        let connection = try await ClientConnection.connect(to: endpoint, group: group)
        return try await connection.closingOnFailure { () async throws(BenchError) -> IMAPClientSession in
            let greeting = try await connection.receive(IMAPResponseDecoder(.greeting))
            if case .greeting(let text) = greeting.ending, !text.uppercased().hasPrefix("OK") {
                throw .refused(kind: "imap-greeting", reply: text)
            }
            var session = IMAPClientSession(connection: connection, capabilities: greeting.capabilities ?? [])
            if greeting.capabilities == nil { try await session.refreshCapabilities() }
            if startTLS {
                guard session.capabilities.contains("STARTTLS"), let context = endpoint.tls else {
                    throw .missingCapability("STARTTLS")
                }
                // Answered before anything else is written: nothing crosses into TLS.
                _ = try await session.command("STARTTLS")
                try await connection.startTLS(context: context, serverName: endpoint.serverName)
                try await session.refreshCapabilities()
            }
            return session
        }
    }

    private init(connection: ClientConnection, capabilities: Set<String>) {
        self.connection = connection
        self.capabilities = capabilities
    }

    private mutating func makeTag() -> String {
        tagNumber += 1
        return "b\(tagNumber)"
    }

    /// Sends `command` with a new tag and waits for its completion; NO and BAD are thrown.
    @discardableResult
    mutating func command(_ command: String) async throws(BenchError) -> IMAPExchange {
        let tag = makeTag()
        connection.send("\(tag) \(command)\r\n")
        return try await completion(of: tag, command: command)
    }

    @discardableResult
    private mutating func completion(of tag: String, command: String) async throws(BenchError) -> IMAPExchange {
        let exchange = try await connection.receive(IMAPResponseDecoder(.completion(tag: tag, stopAtContinuation: false)))
        try absorb(exchange, command: command)
        return exchange
    }

    private mutating func absorb(_ exchange: IMAPExchange, command: String) throws(BenchError) {
        if let capabilities = exchange.capabilities { self.capabilities = capabilities }
        if let exists = exchange.lastExists {
            messageCount = max(0, exists - exchange.expungesAfterExists)
        } else {
            messageCount = max(0, messageCount - exchange.expungesAfterExists)
        }
        if case .completed(let status, let text) = exchange.ending, status != .ok {
            let verb = command.prefix { $0 != " " }.uppercased()
            throw .refused(kind: "imap-\(status.rawValue.lowercased())", reply: "\(verb): \(text)")
        }
    }

    private mutating func refreshCapabilities() async throws(BenchError) {
        try await command("CAPABILITY")
    }

    /// LOGIN with quoted user name and password (RFC 9051 §6.2.3).
    mutating func login(user: String, password: String) async throws(BenchError) {
        if capabilities.contains("LOGINDISABLED") { throw .missingCapability("LOGIN before TLS (use --starttls or --tls)") }
        try await command("LOGIN \(IMAPQuoting.quoted(user)) \(IMAPQuoting.quoted(password))")
    }

    mutating func select(_ mailbox: String) async throws(BenchError) {
        messageCount = 0
        try await command("SELECT \(IMAPQuoting.quoted(mailbox))")
    }

    /// APPEND `message` to `mailbox`: a non-synchronizing literal when the server offers
    /// LITERAL+ (or LITERAL- for small messages, RFC 7888), otherwise waiting for "+".
    mutating func append(_ message: ByteBuffer, to mailbox: String, flags: String = "") async throws(BenchError) {
        let tag = makeTag()
        let size = message.readableBytes
        let nonSynchronizing = capabilities.contains("LITERAL+") || (capabilities.contains("LITERAL-") && size <= 4096)
        let flagList = flags.isEmpty ? "" : " (\(flags))"
        let head = "\(tag) APPEND \(IMAPQuoting.quoted(mailbox))\(flagList) {\(size)\(nonSynchronizing ? "+" : "")}\r\n"
        if nonSynchronizing {
            connection.send(head)
        } else {
            connection.send(head)
            let exchange = try await connection.receive(IMAPResponseDecoder(.completion(tag: tag, stopAtContinuation: true)))
            try absorb(exchange, command: "APPEND")
            guard case .continuation = exchange.ending else {
                throw .malformedReply("APPEND completed before its literal was sent")
            }
        }
        connection.send(message)
        connection.send("\r\n")
        try await completion(of: tag, command: "APPEND")
    }

    /// IDLE (RFC 2177): returns once the server said "+"; `endIdle` ends it.
    mutating func startIdle() async throws(BenchError) {
        guard capabilities.contains("IDLE") else { throw .missingCapability("IDLE") }
        let tag = makeTag()
        connection.send("\(tag) IDLE\r\n")
        let exchange = try await connection.receive(IMAPResponseDecoder(.completion(tag: tag, stopAtContinuation: true)))
        try absorb(exchange, command: "IDLE")
        guard case .continuation = exchange.ending else { throw .malformedReply("IDLE completed without a continuation") }
        idleTag = tag
    }

    /// DONE, and waits for the IDLE command's completion.
    mutating func endIdle() async throws(BenchError) {
        guard let tag = idleTag else { return }
        idleTag = nil
        connection.send("DONE\r\n")
        try await completion(of: tag, command: "IDLE")
    }

    /// LOGOUT, then close (whatever the answer).
    mutating func logout() async throws(BenchError) {
        defer { connection.close() }
        try await command("LOGOUT")
    }
}
