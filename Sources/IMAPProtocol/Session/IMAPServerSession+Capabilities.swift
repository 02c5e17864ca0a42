/// CAPABILITY and ENABLE (RFC 9051 §6.1.1, §6.3.1; RFC 5161).
extension IMAPServerSession {
    /// Whether a password may cross this connection: over TLS, or where the operator allowed
    /// it explicitly (DESIGN rule 4).
    var allowsPlaintextPasswords: Bool {
        isTLSActive || configuration.allowsPlaintextAuthentication
    }

    /// The capabilities as of now: STARTTLS only before TLS, LOGINDISABLED and no
    /// password-revealing AUTH= before TLS, authentication capabilities only before login.
    public var capabilities: [String] {
        var names = ["IMAP4rev1", "IMAP4rev2"]
        if authenticatedUsername == nil {
            if configuration.offersSTARTTLS && !isTLSActive { names.append("STARTTLS") }
            if !allowsPlaintextPasswords { names.append("LOGINDISABLED") }
            for entry in configuration.mechanisms.entries where allowsPlaintextPasswords || !entry.sendsPasswordInClear {
                names.append("AUTH=" + entry.name)
            }
            names.append("SASL-IR")
        }
        names.append(configuration.nonSynchronizingLiterals == .literalPlus ? "LITERAL+" : "LITERAL-")
        names += ["ENABLE", "IDLE", "ID", "NAMESPACE", "UNSELECT", "UIDPLUS", "MOVE", "MULTIAPPEND", "CHILDREN",
                  "LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE", "CREATE-SPECIAL-USE", "STATUS=SIZE", "CONDSTORE",
                  "QRESYNC", "UTF8=ACCEPT", "APPENDLIMIT=\(limits.maxMessageSize)", "QUOTA", "QUOTA=RES-STORAGE",
                  // RFC 4314 §2.1.1: RIGHTS= lists the rights beyond those of RFC 2086.
                  "QUOTA=RES-MESSAGE", "ACL", "RIGHTS=texk"]
        if configuration.offersCompression && !isCompressionActive && authenticatedUsername != nil {
            names.append("COMPRESS=DEFLATE")
        }
        return names + configuration.additionalCapabilities
    }

    /// ENABLE (RFC 5161 §3.1): valid in the authenticated state only.
    mutating func enable(tag: String, names: [String]) {
        guard selected == nil else { return bad(tag, "ENABLE is not allowed while a mailbox is selected") }
        var newlyEnabled = [String]()
        for name in names {
            if let enabledName = enabled.enable(name) { newlyEnabled.append(enabledName) }
        }
        writer.options.utf8Enabled = enabled.usesUTF8
        send(.enabled(newlyEnabled))
        ok(tag, "ENABLE completed")
    }

    /// Turns CONDSTORE on because a CONDSTORE-enabling command was used (RFC 7162 §3.1).
    mutating func enableCondStoreImplicitly() {
        _ = enabled.enable("CONDSTORE")
    }

    /// COMPRESS (RFC 4978), when the listener offers it.
    mutating func compress(tag: String, algorithm: String) {
        guard authenticatedUsername != nil, configuration.offersCompression else {
            parser.resume()
            return bad(tag, authenticatedUsername == nil ? "Log in first" : "COMPRESS is not available")
        }
        guard !isCompressionActive else {
            parser.resume()
            return no(tag, "Compression is already active", code: .compressionActive)
        }
        guard algorithm == "DEFLATE" else {
            parser.resume()
            return bad(tag, "Unknown compression algorithm")
        }
        ok(tag, "DEFLATE active")
        flushOutput()
        isCompressionActive = true
        outbox.append(.startCompression(pendingInput: parser.takeBufferedBytes()))
    }
}
