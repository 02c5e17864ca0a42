import MailCore
import SASL

/// AUTH (RFC 5034): a SASL exchange over `+ ` challenges and base64 response lines. USER/PASS
/// runs through the same steps with the PLAIN mechanism.
extension POP3ServerSession {
    /// The mechanisms AUTH accepts now: those sending the password in the clear only over TLS
    /// or where plaintext is allowed.
    var usableMechanismNames: [String] {
        configuration.mechanisms.entries
            .filter { !$0.sendsPasswordInClear || plaintextAuthenticationAllowed }
            .map(\.name)
    }

    mutating func authenticate(mechanism name: String?, initialResponse: [UInt8]?) {
        guard let name else {
            // AUTH without a mechanism lists them (common practice, e.g. Outlook).
            return send(.mechanismList(usableMechanismNames))
        }
        guard let entry = configuration.mechanisms.entry(named: name) else {
            return rejectCommand(with: .unknownMechanism)
        }
        guard !entry.sendsPasswordInClear || plaintextAuthenticationAllowed else {
            return refusePlaintextAuthentication()
        }
        framer.maximumLineLength = limits.maximumAuthenticationLineLength
        startExchange(with: entry.makeMechanism(configuration.mechanisms.context), kind: .sasl, initialResponse: initialResponse)
    }

    /// Starts a login through `mechanism`.
    mutating func startExchange(with mechanism: any SASLServerMechanism, kind: POP3AuthenticationExchange.Kind, initialResponse: [UInt8]?) {
        var exchange = SASLLineExchange(mechanism: mechanism)
        let event = exchange.start(initialResponse: initialResponse)
        authenticationExchange = POP3AuthenticationExchange(exchange: exchange, kind: kind)
        handleAuthenticationEvent(event)
    }

    /// A line received while an AUTH exchange runs.
    mutating func handleAuthenticationResponse(_ line: [UInt8]) {
        guard var login = authenticationExchange else { return }
        let event = login.exchange.receive(line: line)
        authenticationExchange = login
        handleAuthenticationEvent(event)
    }

    /// Answers ``POP3ServerAction/lookupCredential(username:)``: the user's credential, or
    /// `nil` if there is no such user (the login then fails exactly as for a wrong password).
    /// Ignored unless ``awaiting`` is ``POP3ServerAwaiting/credential``.
    public mutating func credentialLookedUp(_ credential: SCRAMCredential?) -> [POP3ServerAction] {
        guard awaiting == .credential, var login = authenticationExchange else { return [] }
        awaiting = nil
        let event = login.exchange.provide(credential: credential)
        authenticationExchange = login
        handleAuthenticationEvent(event)
        processInput()
        return takeActions()
    }

    private mutating func handleAuthenticationEvent(_ event: SASLLineExchange.Event) {
        guard let kind = authenticationExchange?.kind else { return }
        switch event {
        case .challenge(let challenge):
            // PASS carries the whole PLAIN message: a challenge cannot be answered.
            guard kind == .sasl else { return failAuthentication(with: .authenticationFailed) }
            send(.continuation(Base64.encodedString(challenge)))
        case .needsCredential(let username):
            awaiting = .credential
            outbox.append(.lookupCredential(username: username))
        case .authenticated(let identity):
            endExchange()
            completeLogin(username: identity)
        case .failed(.cancelled):
            failAuthentication(with: .authenticationCancelled)
        case .failed(.invalidBase64):
            failAuthentication(with: .invalidBase64)
        case .failed(.rejected):
            failAuthentication(with: .authenticationFailed)
        }
    }

    /// Back to reading commands.
    mutating func endExchange() {
        authenticationExchange = nil
        framer.maximumLineLength = limits.maximumCommandLineLength
    }
}
