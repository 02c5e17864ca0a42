/// The PLAIN mechanism (RFC 4616): one message `[authzid] NUL authcid NUL passwd`.
public struct PlainServerMechanism: SASLServerMechanism {
    public var name: String { "PLAIN" }

    private enum State {
        case initial
        case awaitingMessage
        case awaitingCredential(authorizationIdentity: String?, username: String, password: String)
        case finished
    }

    private var state = State.initial
    private let limits: SASLLimits
    private let verificationCache: PasswordVerificationCache?

    /// Creates a PLAIN exchange bounded by `limits`; successful checks are remembered in
    /// `verificationCache` when one is given.
    public init(limits: SASLLimits = .standard, verificationCache: PasswordVerificationCache? = nil) {
        self.limits = limits
        self.verificationCache = verificationCache
    }

    public mutating func start(initialResponse: [UInt8]?) -> SASLServerStep {
        guard case .initial = state else { return finish(.unexpectedMessage) }
        guard let initialResponse else {
            // RFC 4616 §2: without an initial response the server sends an empty challenge.
            state = .awaitingMessage
            return .challenge([])
        }
        return handleMessage(initialResponse)
    }

    public mutating func step(_ response: [UInt8]) -> SASLServerStep {
        guard case .awaitingMessage = state else { return finish(.unexpectedMessage) }
        return handleMessage(response)
    }

    public mutating func provide(credential: SCRAMCredential?) -> SASLServerStep {
        guard case .awaitingCredential(let authorizationIdentity, let username, let password) = state else {
            return finish(.unexpectedMessage)
        }
        state = .finished
        return PasswordCheck.outcome(
            authorizationIdentity: authorizationIdentity, username: username, password: password,
            credential: credential, cache: verificationCache)
    }

    private mutating func handleMessage(_ message: [UInt8]) -> SASLServerStep {
        let maximumLength = 2 * limits.maximumIdentityLength + limits.maximumPasswordLength + 2
        guard message.count <= min(limits.maximumMessageLength, maximumLength) else {
            return finish(.messageTooLong)
        }
        let fields = message.split(separator: 0, omittingEmptySubsequences: false)
        guard fields.count == 3 else {
            return finish(.malformedMessage("expected [authzid] NUL authcid NUL passwd"))
        }
        var authorizationIdentity: String?
        if !fields[0].isEmpty {
            switch PasswordCheck.decodeField(
                fields[0], named: "authorization identity", maximumLength: limits.maximumIdentityLength)
            {
            case .success(let identity): authorizationIdentity = identity
            case .failure(let reason): return finish(reason)
            }
        }
        let decodedUsername = PasswordCheck.decodeField(
            fields[1], named: "authentication identity", maximumLength: limits.maximumIdentityLength)
        let decodedPassword = PasswordCheck.decodeField(
            fields[2], named: "password", maximumLength: limits.maximumPasswordLength)
        switch (decodedUsername.flatMap(PasswordCheck.prepareUsername), decodedPassword) {
        case (.failure(let reason), _), (_, .failure(let reason)):
            return finish(reason)
        case (.success(let username), .success(let password)):
            state = .awaitingCredential(
                authorizationIdentity: authorizationIdentity, username: username, password: password)
            return .needsCredential(username: username)
        }
    }

    private mutating func finish(_ reason: SASLFailureReason) -> SASLServerStep {
        state = .finished
        return .failure(SASLFailure(reason: reason))
    }
}
