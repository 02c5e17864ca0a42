import NIOCore

/// One flood message on an open session: RSET, MAIL, RCPT and DATA (pipelined when the
/// server offers PIPELINING), then the data. Replies are read one at a time, so a 421
/// followed by a close is counted as the refusal it is, not as a lost connection.
struct FloodTransaction: Sendable {
    let session: SMTPClientSession
    let sender: String
    let recipient: String
    /// The message's DATA, dot-stuffed, without the terminating ".".
    let stuffedParts: [ByteBuffer]

    /// What became of the message, and whether the session can carry another.
    struct Result: Sendable {
        let outcome: FloodTally.Outcome
        /// False after a connection error or a 421 (the server is closing): replies may be
        /// left unread, so the session must be closed.
        let sessionUsable: Bool
    }

    /// Sends the message and says what became of it.
    func send() async -> Result {
        let result = await attempt()
        var usable = session.connection.isActive
        switch result {
        case .connectionError: usable = false
        case .refusedTemporarily(let reply) where reply.hasPrefix("421"): usable = false
        default: break
        }
        return Result(outcome: result, sessionUsable: usable)
    }

    private func attempt() async -> FloodTally.Outcome {
        let commands = ["RSET\r\n", "MAIL FROM:<\(sender)>\r\n", "RCPT TO:<\(recipient)>\r\n", "DATA\r\n"]
        let connection = session.connection
        var refusal: SMTPReply?
        do throws(BenchError) {
            if session.capabilities.pipelining {
                connection.send(commands.joined())
                for index in commands.indices {
                    let reply = try await next()
                    if reply.code == 421 { return FloodTally.Outcome(refusal: reply) }
                    let positive = index == commands.count - 1 ? reply.code == 354 : reply.isPositiveCompletion
                    if refusal == nil, !positive { refusal = reply }
                    if index == commands.count - 1, reply.code == 354, refusal != nil {
                        // RFC 2920 §3.1: DATA accepted although the envelope failed; end the empty data.
                        connection.send(DotStuffing.terminator)
                        _ = try await next()
                    }
                }
            } else {
                for (index, command) in commands.enumerated() {
                    connection.send(command)
                    let reply = try await next()
                    let positive = index == commands.count - 1 ? reply.code == 354 : reply.isPositiveCompletion
                    if !positive {
                        refusal = reply
                        break
                    }
                }
            }
            if let refusal { return FloodTally.Outcome(refusal: refusal) }
            connection.send(parts: stuffedParts + [ByteBuffer(string: DotStuffing.terminator)])
            let reply = try await next()
            return reply.code == 250 ? .accepted : FloodTally.Outcome(refusal: reply)
        } catch {
            // A refusal already read decides the outcome even if the server then closed.
            return refusal.map { FloodTally.Outcome(refusal: $0) } ?? FloodTally.Outcome(error: error)
        }
    }

    private func next() async throws(BenchError) -> SMTPReply {
        guard let reply = try await session.connection.receive(SMTPReplyDecoder()).first else {
            throw .malformedReply("no reply")
        }
        return reply
    }
}
