import MailCore

/// Greeting, EHLO/HELO, STARTTLS and AUTH: everything before the first transaction.
extension SMTPClientSession {
    /// RFC 5321 §3.1: 220 opens the session; anything else (554 "no service", 421) refuses it.
    /// After a refusal other than 421 the server waits for QUIT.
    mutating func handleGreeting(_ reply: SMTPReply) {
        guard reply.isPositiveCompletion else {
            return fail(.greetingRefused(reply), sendingQuit: reply.code != 421)
        }
        sendHello(extended: true)
    }

    mutating func sendHello(extended: Bool) {
        send((extended ? "EHLO " : "HELO ") + configuration.helloName.text)
        expectations.append(extended ? .extendedHello : .hello)
    }

    /// EHLO refused as unknown (500, 502, or 504 for its argument) falls back to HELO
    /// (RFC 5321 §4.1.4, §3.2).
    mutating func handleExtendedHello(_ reply: SMTPReply) {
        if reply.isPositiveCompletion {
            capabilities = SMTPServerCapabilities(ehloReply: reply)
            parser.recognizesEnhancedStatusCodes = capabilities.enhancedStatusCodes
            helloCompleted()
        } else if [500, 502, 504].contains(reply.code) {
            sendHello(extended: false)
        } else {
            fail(.helloRefused(reply), sendingQuit: true)
        }
    }

    mutating func handleHello(_ reply: SMTPReply) {
        guard reply.isPositiveCompletion else { return fail(.helloRefused(reply), sendingQuit: true) }
        capabilities = SMTPServerCapabilities()
        parser.recognizesEnhancedStatusCodes = false
        helloCompleted()
    }

    /// STARTTLS when the policy and the server allow it, then AUTH, then the messages.
    private mutating func helloCompleted() {
        if !isTLSActive, configuration.tlsPolicy != .disabled {
            if capabilities.startTLS {
                send("STARTTLS")
                expectations.append(.startTLS)
                return
            }
            if configuration.tlsPolicy == .required { return fail(.tlsNotOffered, sendingQuit: true) }
        }
        authenticateOrBecomeReady()
    }

    /// RFC 3207 §4: 220 starts the handshake; a refusal leaves the session in the clear, which
    /// only an opportunistic policy accepts.
    mutating func handleStartTLS(_ reply: SMTPReply) {
        if reply.isPositiveCompletion {
            awaitingTLSHandshake = true
            // Anything the server sent after its 220 arrived in the clear (RFC 3207 §6).
            plaintextBytesDiscardedAtSTARTTLS += parser.discardBufferedBytes()
            outbox.append(.startTLS)
        } else if configuration.tlsPolicy == .required {
            fail(.tlsRefused(reply), sendingQuit: true)
        } else {
            authenticateOrBecomeReady()
        }
    }

    /// AUTH PLAIN with an initial response (RFC 4954 §4, RFC 4616), only over TLS.
    private mutating func authenticateOrBecomeReady() {
        guard let credentials = configuration.credentials, !isAuthenticated else { return becomeReady() }
        guard isTLSActive else {
            return fail(
                .authenticationUnavailable(reason: "TLS is not active and credentials are sent only over TLS"),
                sendingQuit: true)
        }
        guard capabilities.authenticationMechanisms.contains("PLAIN") else {
            return fail(.authenticationUnavailable(reason: "the server does not offer AUTH PLAIN"), sendingQuit: true)
        }
        let message = [0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.utf8)
        send("AUTH PLAIN " + Base64.encodedString(message))
        expectations.append(.authentication)
    }

    mutating func handleAuthentication(_ reply: SMTPReply) {
        guard reply.isPositiveCompletion else { return fail(.authenticationFailed(reply), sendingQuit: true) }
        isAuthenticated = true
        becomeReady()
    }

    private mutating func becomeReady() {
        isReady = true
        startNextMessage()
    }
}
