import SASL

/// USER/PASS and APOP (RFC 1939 §7), and what follows any successful login: opening the
/// maildrop.
extension POP3ServerSession {
    /// Whether mechanisms that carry the password itself may run now (DESIGN.md rule 4).
    var plaintextAuthenticationAllowed: Bool {
        tls != nil || configuration.allowsPlaintextAuthentication
    }

    /// Whether USER/PASS may be used now (and so is listed by CAPA, RFC 2449 §6.2).
    var userCommandAvailable: Bool {
        configuration.offersUserCommand && plaintextAuthenticationAllowed
    }

    /// Whether APOP is offered on this connection.
    var apopAvailable: Bool {
        configuration.offersAPOP && greetingTimestamp != nil
    }

    /// Refuses a login that would expose a password before TLS.
    mutating func refusePlaintextAuthentication() {
        let canStartTLS = configuration.offersSTLS && tls == nil
        rejectCommand(with: canStartTLS ? .tlsRequired : .plaintextAuthenticationDisabled)
    }

    mutating func user(_ name: [UInt8]) {
        guard configuration.offersUserCommand else { return rejectCommand(with: .commandNotOffered) }
        guard plaintextAuthenticationAllowed else { return refusePlaintextAuthentication() }
        // Whether the user exists is not disclosed: the answer comes after PASS.
        pendingUserName = name
        send(.sendPassword)
    }

    mutating func pass(_ password: [UInt8]) {
        guard configuration.offersUserCommand else { return rejectCommand(with: .commandNotOffered) }
        guard let name = pendingUserName else { return rejectCommand(with: .sendUserFirst) }
        pendingUserName = nil
        // The password is checked as PLAIN checks "\0name\0password" (RFC 4616), with the
        // registry's context (limits, verification cache) whether or not AUTH offers PLAIN.
        let plain = SASLMechanismRegistry.Entry.plain.makeMechanism(configuration.mechanisms.context)
        startExchange(with: plain, kind: .password, initialResponse: [0] + name + [0] + password)
    }

    mutating func apop(name: [UInt8], digest: String) {
        guard apopAvailable else { return rejectCommand(with: .commandNotOffered) }
        // The MD5 digest is open to offline guessing, so APOP follows the plaintext rule too.
        guard plaintextAuthenticationAllowed else { return refusePlaintextAuthentication() }
        guard let text = String(validating: name, as: UTF8.self),
            let username = try? SASLprep.prepare(text, mode: .query), !username.isEmpty
        else {
            return failAuthentication(with: .authenticationFailed)
        }
        pendingAPOP = (username, digest)
        awaiting = .apopSecret
        outbox.append(.lookupAPOPSecret(username: username))
    }

    /// Answers ``POP3ServerAction/lookupAPOPSecret(username:)``: the user's shared secret, or
    /// `nil` if there is none (the login then fails exactly as for a wrong digest). Ignored
    /// unless ``awaiting`` is ``POP3ServerAwaiting/apopSecret``.
    public mutating func apopSecretLookedUp(_ secret: String?) -> [POP3ServerAction] {
        guard awaiting == .apopSecret, let login = pendingAPOP, let timestamp = greetingTimestamp else { return [] }
        awaiting = nil
        pendingAPOP = nil
        if let secret, APOPDigest.matches(login.digest, timestamp: timestamp, secret: secret) {
            completeLogin(username: login.username)
        } else {
            failAuthentication(with: .authenticationFailed)
        }
        processInput()
        return takeActions()
    }

    /// The user is authenticated: ask for the maildrop. The `+OK` waits for it.
    mutating func completeLogin(username: String) {
        authenticatedUser = username
        maildropClaimed = true
        awaiting = .maildrop
        outbox.append(.openMaildrop(username: username))
    }

    /// Ends a failed login with `response`; at the failure limit the connection is closed.
    mutating func failAuthentication(with response: POP3Response) {
        endExchange()
        send(response)
        failedAuthenticationCount += 1
        if failedAuthenticationCount >= limits.maximumAuthenticationFailures {
            closeConnection(with: .tooManyAuthenticationFailures)
        }
    }

    /// Answers ``POP3ServerAction/openMaildrop(username:)``. Ignored unless ``awaiting`` is
    /// ``POP3ServerAwaiting/maildrop``.
    public mutating func maildropOpened(_ outcome: POP3MaildropOutcome) -> [POP3ServerAction] {
        guard awaiting == .maildrop else { return [] }
        awaiting = nil
        switch outcome {
        case .opened(let snapshot) where snapshot.messages.allSatisfy(\.isValid):
            let view = POP3MaildropView(snapshot)
            maildrop = view
            state = .transaction
            let summary = view.summary
            send(.loggedIn(messages: summary.count, octets: summary.octets))
        case .opened:
            // A unique-id or size the protocol cannot carry: refuse rather than send it.
            releaseMaildrop()
            refuseMaildrop(with: .maildropUnavailable)
        case .inUse: refuseMaildrop(with: .maildropInUse)
        case .loginDelay: refuseMaildrop(with: .loginTooSoon)
        case .temporaryFailure: refuseMaildrop(with: .maildropTemporarilyUnavailable)
        case .permanentFailure: refuseMaildrop(with: .maildropUnavailable)
        }
        processInput()
        return takeActions()
    }

    /// The maildrop was not opened: back to AUTHORIZATION (RFC 1939 §7: the client may try
    /// again or QUIT).
    private mutating func refuseMaildrop(with response: POP3Response) {
        maildropClaimed = false
        authenticatedUser = nil
        send(response)
    }
}
