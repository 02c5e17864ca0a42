/// STARTTLS (RFC 3207).
extension SMTPServerSession {
    mutating func startTLS() {
        guard helloName != nil else { return rejectCommand(with: .badSequence("Send EHLO first")) }
        guard tls == nil else { return rejectCommand(with: .badSequence("TLS already active")) }
        guard policy.offersSTARTTLS else { return rejectCommand(with: .notImplemented("STARTTLS not available")) }
        guard transaction == nil else {
            return rejectCommand(with: .badSequence("STARTTLS is not allowed during a mail transaction"))
        }
        // RFC 3207 §6 (the command injection hole): whatever the client sent after STARTTLS
        // arrived in plaintext and must never be read as if it came over TLS.
        framer.stop()
        plaintextBytesDiscardedAtSTARTTLS += framer.takeBufferedBytes().count
        send(.readyToStartTLS)
        flush()
        outbox.append(.startTLS)
        awaiting = .tlsHandshake
    }
}
