/// STLS (RFC 2595 §4).
extension POP3ServerSession {
    /// Whether STLS may be used now (and so is listed by CAPA).
    var stlsAvailable: Bool { configuration.offersSTLS && tls == nil }

    mutating func startTLS() {
        guard tls == nil else { return rejectCommand(with: .tlsAlreadyActive) }
        guard configuration.offersSTLS else { return rejectCommand(with: .stlsNotOffered) }
        // RFC 2595 §4 (and RFC 3207 §6's command injection): whatever the client pipelined
        // after STLS came in plaintext and must never be read as if it came over TLS.
        plaintextBytesDiscardedAtSTLS += framer.stop()
        pendingUserName = nil
        send(.beginTLS)
        flush()
        outbox.append(.startTLS)
        awaiting = .tlsHandshake
    }

    /// Reports that the TLS handshake after STLS succeeded. What the client said before is
    /// forgotten (RFC 2595 §4: it must ask for capabilities again). Ignored unless ``awaiting``
    /// is ``POP3ServerAwaiting/tlsHandshake``.
    public mutating func tlsEstablished(version: String, cipher: String) -> [POP3ServerAction] {
        guard awaiting == .tlsHandshake else { return [] }
        awaiting = nil
        tls = POP3TLSInfo(version: version, cipher: cipher)
        pendingUserName = nil
        framer = POP3LineFramer(maximumLineLength: limits.maximumCommandLineLength)
        return takeActions()
    }
}
