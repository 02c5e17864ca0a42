import MailCore
import SASL

/// AUTH (RFC 4954): running a SASL exchange over 334 challenges and base64 response lines.
extension SMTPServerSession {
    /// The response line that cancels an exchange (RFC 4954 §4).
    private static let cancellation: [UInt8] = [UInt8(ascii: "*")]

    mutating func authenticate(mechanism name: String, initialResponse: [UInt8]?) {
        guard policy.authentication != .notOffered else {
            return rejectCommand(with: .notImplemented("AUTH not available"))
        }
        guard helloName != nil else { return rejectCommand(with: .badSequence("Send EHLO first")) }
        guard authenticatedIdentity == nil else { return rejectCommand(with: .badSequence("Already authenticated")) }
        guard transaction == nil else {
            return rejectCommand(with: .badSequence("AUTH is not allowed during a mail transaction"))
        }
        guard authenticationAvailable else {
            // Not before TLS: no password crosses the wire in the clear (DESIGN.md rule 4).
            return rejectCommand(with: canStartTLS ? .tlsRequired : .notImplemented("AUTH not available"))
        }
        guard var mechanism = configuration.mechanisms.makeServerMechanism(named: name) else {
            return rejectCommand(with: .unrecognizedAuthenticationType)
        }
        let step = mechanism.start(initialResponse: initialResponse)
        authenticationExchange = AuthenticationExchange(mechanism: mechanism, stage: .awaitingResponse)
        framer.readLines(maximumLength: configuration.maximumAuthenticationLineLength)
        handleAuthenticationStep(step)
    }

    /// A line received while an exchange runs: the client's response, `*`, or (after SCRAM's
    /// server-final challenge) the empty acknowledgement.
    mutating func handleAuthenticationResponse(_ line: [UInt8]) {
        guard var exchange = authenticationExchange else { return }
        if line == Self.cancellation { return failAuthentication(with: .authenticationCancelled) }
        switch exchange.stage {
        case .awaitingResponse:
            guard let response = Base64.decodeStrict(line) else { return failAuthentication(with: .invalidBase64) }
            let step = exchange.mechanism.step(response)
            authenticationExchange = exchange
            handleAuthenticationStep(step)
        case .awaitingFinalAcknowledgement(let outcome):
            guard line.isEmpty else { return failAuthentication(with: .authenticationFailed) }
            completeAuthentication(outcome)
        case .awaitingCredential:
            // Input is not read while the credential is looked up.
            break
        }
    }

    mutating func handleAuthenticationStep(_ step: SASLServerStep) {
        switch step {
        case .challenge(let challenge):
            authenticationExchange?.stage = .awaitingResponse
            send(.authenticationChallenge(Base64.encodedString(challenge)))
        case .needsCredential(let username):
            authenticationExchange?.stage = .awaitingCredential
            awaiting = .credential
            outbox.append(.lookupCredential(username: username))
        case .success(let outcome):
            // Acting as another user (an authorization identity) is not offered.
            if let requested = outcome.authorizationIdentity, requested != outcome.authenticationIdentity {
                return failAuthentication(with: .authenticationFailed)
            }
            if let finalData = outcome.finalServerData {
                authenticationExchange?.stage = .awaitingFinalAcknowledgement(outcome)
                send(.authenticationChallenge(Base64.encodedString(finalData)))
            } else {
                completeAuthentication(outcome)
            }
        case .failure:
            failAuthentication(with: .authenticationFailed)
        }
    }

    private mutating func completeAuthentication(_ outcome: SASLAuthentication) {
        authenticationExchange = nil
        framer.readLines()
        authenticatedIdentity = outcome.authenticationIdentity
        send(.authenticationSucceeded)
    }

    /// Ends the exchange with `reply`; at Limits.maxAuthenticationAttempts failures the
    /// connection is closed.
    mutating func failAuthentication(with reply: SMTPReply) {
        authenticationExchange = nil
        framer.readLines()
        send(reply)
        failedAuthenticationCount += 1
        if failedAuthenticationCount >= limits.maxAuthenticationAttempts {
            closeConnection(with: .tooManyAuthenticationFailures(hostname: hostname))
        }
    }
}
