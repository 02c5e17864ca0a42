import SASL

/// STARTTLS, LOGIN and AUTHENTICATE (RFC 9051 §6.2, SASL-IR RFC 4959).
extension IMAPServerSession {
    /// STARTTLS: only before TLS and before login, where the listener offers it.
    mutating func startTLS(tag: String) {
        guard configuration.offersSTARTTLS, !isTLSActive, authenticatedUsername == nil else {
            parser.resume()
            return bad(tag, isTLSActive ? "TLS is already active" : "STARTTLS is not available")
        }
        ok(tag, "Begin TLS negotiation now")
        // RFC 9051 §6.2.1: octets pipelined after STARTTLS came in plaintext and must never
        // be read as commands of the protected session.
        plaintextBytesDiscardedAtSTARTTLS += parser.discardBufferedBytes()
        flushOutput()
        outbox.append(.startTLS)
        awaiting = .tlsHandshake
    }

    /// LOGIN: the password is checked as a SASL PLAIN exchange would check it.
    mutating func login(tag: String, username: String, password: String) {
        guard authenticatedUsername == nil else { return bad(tag, "Already logged in") }
        guard allowsPlaintextPasswords else {
            return no(tag, "LOGIN is disabled before TLS; use STARTTLS first", code: .privacyRequired)
        }
        let context = configuration.mechanisms.context
        var mechanism = PlainServerMechanism(limits: context.limits, verificationCache: context.verificationCache)
        let message = [UInt8(0)] + Array(username.utf8) + [0] + Array(password.utf8)
        let step = mechanism.start(initialResponse: message)
        authentication = AuthenticationExchange(tag: tag, isLogin: true, mechanism: mechanism, stage: .awaitingResponse)
        handleAuthenticationStep(step)
    }

    /// AUTHENTICATE with an optional SASL-IR initial response.
    mutating func authenticate(tag: String, mechanism name: String, initialResponse: [UInt8]?) {
        guard authenticatedUsername == nil else { return bad(tag, "Already logged in") }
        guard let entry = configuration.mechanisms.entry(named: name) else {
            return no(tag, "Unsupported authentication mechanism")
        }
        guard allowsPlaintextPasswords || !entry.sendsPasswordInClear else {
            return no(tag, "\(entry.name) is disabled before TLS; use STARTTLS first", code: .privacyRequired)
        }
        var mechanism = entry.makeMechanism(configuration.mechanisms.context)
        let step = mechanism.start(initialResponse: initialResponse)
        authentication = AuthenticationExchange(tag: tag, isLogin: false, mechanism: mechanism, stage: .awaitingResponse)
        handleAuthenticationStep(step)
    }

    /// The client's line during AUTHENTICATE: a response, the empty acknowledgement of the
    /// final data, or `*` to cancel (answered BAD, RFC 9051 §6.2.2).
    mutating func handleAuthenticationResponse(_ response: AuthenticationResponse) {
        guard var exchange = authentication else { return }
        switch (response, exchange.stage) {
        case (.data, .awaitingCredential):
            break  // input is not read while the credential is looked up
        case (.cancelled, _):
            failAuthentication(tag: exchange.tag, status: .bad, code: nil, text: "Authentication cancelled")
        case (.data(let data), .awaitingResponse):
            let step = exchange.mechanism.step(data)
            authentication = exchange
            handleAuthenticationStep(step)
        case (.data(let data), .awaitingFinalAcknowledgement(let outcome)):
            guard data.isEmpty else {
                return failAuthentication(tag: exchange.tag, status: .no, code: .authenticationFailed,
                                          text: "Authentication failed")
            }
            completeAuthentication(outcome, exchange: exchange)
        }
    }

    mutating func handleAuthenticationStep(_ step: SASLServerStep) {
        guard let exchange = authentication else { return }
        switch step {
        case .challenge(let challenge):
            authentication?.stage = .awaitingResponse
            writer.writeContinuationRequest(challenge: challenge)
            parser.expectAuthenticationResponse()
        case .needsCredential(let username):
            authentication?.stage = .awaitingCredential
            awaiting = .credential
            outbox.append(.lookupCredential(username: username))
        case .success(let outcome):
            // Acting as another user (an authorization identity) is not offered.
            if let requested = outcome.authorizationIdentity, requested != outcome.authenticationIdentity {
                return failAuthentication(tag: exchange.tag, status: .no, code: .authorizationFailed,
                                          text: "Acting as another user is not allowed")
            }
            if let finalData = outcome.finalServerData {
                authentication?.stage = .awaitingFinalAcknowledgement(outcome)
                writer.writeContinuationRequest(challenge: finalData)
                parser.expectAuthenticationResponse()
            } else {
                completeAuthentication(outcome, exchange: exchange)
            }
        case .failure:
            failAuthentication(tag: exchange.tag, status: .no, code: .authenticationFailed,
                               text: exchange.isLogin ? "Invalid credentials" : "Authentication failed")
        }
    }

    private mutating func completeAuthentication(_ outcome: SASLAuthentication, exchange: AuthenticationExchange) {
        authentication = nil
        authenticatedUsername = outcome.authenticationIdentity
        outbox.append(.authenticated(username: outcome.authenticationIdentity))
        ok(exchange.tag, exchange.isLogin ? "LOGIN completed" : "AUTHENTICATE completed", code: .capability(capabilities))
    }

    /// Ends the exchange; at `limits.maxAuthenticationAttempts` failures the connection closes.
    mutating func failAuthentication(tag: String, status: ResponseStatus, code: ResponseCode?, text: String) {
        authentication = nil
        send(StatusResponse(tag: tag, status: status, code: code, text: text))
        failedAuthenticationCount += 1
        if failedAuthenticationCount >= limits.maxAuthenticationAttempts {
            closeConnection(bye: "Too many failed authentication attempts")
        }
    }
}
