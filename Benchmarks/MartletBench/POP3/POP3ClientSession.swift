import NIOCore

/// The client side of one POP3 session: greeting, STLS (RFC 2595), USER/PASS, STAT,
/// RETR, DELE and QUIT (RFC 1939).
struct POP3ClientSession: Sendable {
    let connection: ClientConnection

    /// Connects and reads the greeting; with `startTLS`, checks CAPA for STLS and upgrades.
    static func open(
        _ endpoint: ClientConnection.Endpoint, group: any EventLoopGroup, startTLS: Bool
    ) async throws(BenchError) -> POP3ClientSession {
        let connection = try await ClientConnection.connect(to: endpoint, group: group)
        let session = POP3ClientSession(connection: connection)
        return try await connection.closingOnFailure { () async throws(BenchError) -> POP3ClientSession in
            let greeting = try await connection.receive(POP3ResponseDecoder())
            guard greeting.isOK else { throw greeting.refusal("greeting") }
            if startTLS {
                guard let context = endpoint.tls else { throw .missingCapability("STLS") }
                let capabilities = try await session.request("CAPA", multiline: true, keepLines: true)
                guard capabilities.lines.contains(where: { $0.uppercased() == "STLS" }) else {
                    throw .missingCapability("STLS")
                }
                // Answered before anything else is written: nothing crosses into TLS.
                try await session.request("STLS")
                try await connection.startTLS(context: context, serverName: endpoint.serverName)
            }
            return session
        }
    }

    /// Sends `command` and waits for its answer; `-ERR` is thrown.
    @discardableResult
    func request(_ command: String, multiline: Bool = false, keepLines: Bool = false) async throws(BenchError) -> POP3Response {
        connection.send("\(command)\r\n")
        let response = try await connection.receive(POP3ResponseDecoder(multiline: multiline, keepLines: keepLines))
        guard response.isOK else { throw response.refusal(String(command.prefix { $0 != " " })) }
        return response
    }

    /// USER and PASS (RFC 1939 §7).
    func login(user: String, password: String) async throws(BenchError) {
        try await request("USER \(user)")
        try await request("PASS \(password)")
    }

    /// STAT: the number of messages in the maildrop.
    func messageCount() async throws(BenchError) -> Int {
        let response = try await request("STAT")
        guard let count = response.text.split(separator: " ").first.flatMap({ Int($0) }), count >= 0 else {
            throw .malformedReply("STAT answer without a count: \(response.text.prefix(80))")
        }
        return count
    }

    /// RETR `number`: returns the message's size in octets as received.
    func retrieve(_ number: Int) async throws(BenchError) -> Int {
        try await request("RETR \(number)", multiline: true).dataByteCount
    }

    func delete(_ number: Int) async throws(BenchError) {
        try await request("DELE \(number)")
    }

    /// QUIT: the server removes the deleted messages (UPDATE state) before its +OK.
    func quit() async throws(BenchError) {
        defer { connection.close() }
        try await request("QUIT")
    }
}
