import NIOCore
import NIOSSL

/// The client side of one SMTP session: greeting, EHLO, STARTTLS, AUTH PLAIN, then
/// transactions sent pipelined when the server offers PIPELINING (RFC 2920).
struct SMTPClientSession: Sendable {
    let connection: ClientConnection
    private(set) var capabilities: SMTPCapabilities

    /// Connects, reads the greeting and says EHLO; with `startTLS`, upgrades and says EHLO
    /// again (RFC 3207 §4.2: everything known before TLS is forgotten).
    static func open(
        _ endpoint: ClientConnection.Endpoint, group: any EventLoopGroup, startTLS: Bool, heloName: String
    ) async throws(BenchError) -> SMTPClientSession {
        let connection = try await ClientConnection.connect(to: endpoint, group: group)
        return try await connection.closingOnFailure { () async throws(BenchError) -> SMTPClientSession in
            let greeting = try await connection.receive(SMTPReplyDecoder()).first
            guard let greeting, greeting.code == 220 else {
                throw greeting?.refusal ?? .malformedReply("no greeting")
            }
            var capabilities = try await ehlo(connection, heloName: heloName)
            if startTLS {
                guard capabilities.startTLS, let context = endpoint.tls else { throw .missingCapability("STARTTLS") }
                // Sent alone and answered before anything else is written: nothing may be
                // pipelined across the change to TLS.
                connection.send("STARTTLS\r\n")
                let reply = try await single(connection)
                guard reply.code == 220 else { throw reply.refusal }
                try await connection.startTLS(context: context, serverName: endpoint.serverName)
                capabilities = try await ehlo(connection, heloName: heloName)
            }
            return SMTPClientSession(connection: connection, capabilities: capabilities)
        }
    }

    private static func ehlo(_ connection: ClientConnection, heloName: String) async throws(BenchError) -> SMTPCapabilities {
        connection.send("EHLO \(heloName)\r\n")
        let reply = try await single(connection)
        guard reply.code == 250 else { throw reply.refusal }
        return SMTPCapabilities(ehloReply: reply)
    }

    private static func single(_ connection: ClientConnection) async throws(BenchError) -> SMTPReply {
        guard let reply = try await connection.receive(SMTPReplyDecoder()).first else {
            throw .malformedReply("no reply")
        }
        return reply
    }

    /// AUTH PLAIN (RFC 4616) with the initial response on the command line.
    func authenticate(user: String, password: String) async throws(BenchError) {
        guard capabilities.authenticationMechanisms.contains("PLAIN") else { throw .missingCapability("AUTH PLAIN") }
        let credentials = Base64.encode(Array("\0\(user)\0\(password)".utf8))
        connection.send("AUTH PLAIN \(credentials)\r\n")
        let reply = try await Self.single(connection)
        guard reply.code == 235 else { throw reply.refusal }
    }

    /// Sends one message (MAIL, one RCPT per recipient, DATA) and returns the time from the
    /// end-of-data "." to the server's 250. A refused transaction is reset (RSET) so the session can go on, then thrown.
    func send(_ message: OutgoingMessage) async throws(BenchError) -> Duration {
        let body = message.hasEightBitText && capabilities.eightBitMIME ? " BODY=8BITMIME" : ""
        let commands = ["MAIL FROM:<\(message.sender)>\(body)\r\n"]
            + message.recipients.map { "RCPT TO:<\($0)>\r\n" } + ["DATA\r\n"]
        var replies: [SMTPReply] = []
        if capabilities.pipelining {
            connection.send(commands.joined())
            replies = try await connection.receive(SMTPReplyDecoder(count: commands.count))
        } else {
            for command in commands {
                connection.send(command)
                let reply = try await Self.single(connection)
                replies.append(reply)
                if !reply.isPositiveCompletion { break }
            }
        }
        // MAIL and every RCPT must succeed: a refused recipient fails the whole message.
        let envelopeFailure = replies.prefix(commands.count - 1).first { !$0.isPositiveCompletion }
        guard replies.count == commands.count, let dataReply = replies.last, dataReply.code == 354 else {
            try await reset()
            throw (envelopeFailure ?? replies.last)?.refusal ?? .malformedReply("no reply to DATA")
        }
        if let envelopeFailure {
            // RFC 2920 §3.1: DATA was accepted although the envelope failed; end the empty data.
            connection.send(DotStuffing.terminator)
            _ = try await Self.single(connection)
            throw envelopeFailure.refusal
        }
        connection.send(parts: message.stuffedParts)
        try await connection.sendAndWait(ByteBuffer(string: DotStuffing.terminator))
        let start = ContinuousClock.now
        let reply = try await Self.single(connection)
        let latency = ContinuousClock.now - start
        guard reply.code == 250 else { throw reply.refusal }
        return latency
    }

    /// RSET: ends a failed transaction.
    func reset() async throws(BenchError) {
        connection.send("RSET\r\n")
        _ = try await Self.single(connection)
    }

    /// QUIT, then close. Failures are ignored: the session is over either way.
    func quit() async {
        connection.send("QUIT\r\n")
        _ = try? await connection.receive(SMTPReplyDecoder())
        connection.close()
    }
}
