/// The LOGIN mechanism (draft-murchison-sasl-login): the server asks for `Username:` and
/// then `Password:`, and the client answers each in turn. Some clients send the user name as
/// an initial response; that is accepted.
public struct LoginServerMechanism: SASLServerMechanism {
    public var name: String { "LOGIN" }

    /// The first challenge, as the draft specifies it.
    public static let usernameChallenge = Array("Username:".utf8)
    /// The second challenge, as the draft specifies it.
    public static let passwordChallenge = Array("Password:".utf8)

    private enum State {
        case initial
        case awaitingUsername
        case awaitingPassword(username: String)
        case awaitingCredential(username: String, password: String)
        case finished
    }

    private var state = State.initial
    private let limits: SASLLimits
    private let verificationCache: PasswordVerificationCache?

    /// Creates a LOGIN exchange bounded by `limits`; successful checks are remembered in
    /// `verificationCache` when one is given.
    public init(limits: SASLLimits = .standard, verificationCache: PasswordVerificationCache? = nil) {
        self.limits = limits
        self.verificationCache = verificationCache
    }

    public mutating func start(initialResponse: [UInt8]?) -> SASLServerStep {
        guard case .initial = state else { return finish(.unexpectedMessage) }
        // An empty initial response carries no user name: ask for one as if none was sent.
        guard let initialResponse, !initialResponse.isEmpty else {
            state = .awaitingUsername
            return .challenge(Self.usernameChallenge)
        }
        return handleUsername(initialResponse)
    }

    public mutating func step(_ response: [UInt8]) -> SASLServerStep {
        switch state {
        case .awaitingUsername:
            return handleUsername(response)
        case .awaitingPassword(let username):
            switch PasswordCheck.decodeField(
                response, named: "password", maximumLength: limits.maximumPasswordLength)
            {
            case .failure(let reason):
                return finish(reason)
            case .success(let password):
                state = .awaitingCredential(username: username, password: password)
                return .needsCredential(username: username)
            }
        case .initial, .awaitingCredential, .finished:
            return finish(.unexpectedMessage)
        }
    }

    public mutating func provide(credential: SCRAMCredential?) -> SASLServerStep {
        guard case .awaitingCredential(let username, let password) = state else {
            return finish(.unexpectedMessage)
        }
        state = .finished
        return PasswordCheck.outcome(
            authorizationIdentity: nil, username: username, password: password, credential: credential, cache: verificationCache)
    }

    private mutating func handleUsername(_ response: [UInt8]) -> SASLServerStep {
        let decoded = PasswordCheck.decodeField(
            response, named: "user name", maximumLength: limits.maximumIdentityLength)
        switch decoded.flatMap(PasswordCheck.prepareUsername) {
        case .failure(let reason):
            return finish(reason)
        case .success(let username):
            state = .awaitingPassword(username: username)
            return .challenge(Self.passwordChallenge)
        }
    }

    private mutating func finish(_ reason: SASLFailureReason) -> SASLServerStep {
        state = .finished
        return .failure(SASLFailure(reason: reason))
    }
}
