import MailCore
import SASL

/// One server-side SASL exchange the way line protocols run it (POP3 AUTH, and just as well
/// SMTP AUTH and IMAP AUTHENTICATE): client responses arrive as base64 lines, `*` cancels,
/// and data a mechanism sends with its success outcome goes out as a last challenge that the
/// client acknowledges with an empty line (RFC 5034 §4 — see its DIGEST-MD5 example; RFC 4954
/// §4 has the same rule). Acting as another user (an authorization identity other than the
/// authenticated one) is refused.
///
/// It knows nothing of the protocol around it: the session turns each ``Event`` into its own
/// responses and actions.
struct SASLLineExchange: Sendable {
    /// What the session does next.
    enum Event: Sendable, Equatable {
        /// Send this challenge (the session base64-encodes and frames it), then read a line.
        case challenge([UInt8])
        /// Look up the credential of this (SASLprep-prepared) user, then call
        /// ``provide(credential:)``. No line is read meanwhile.
        case needsCredential(username: String)
        /// The client proved it is this user.
        case authenticated(identity: String)
        /// The exchange ended without authenticating.
        case failed(Failure)
    }

    /// Why an exchange ended without authenticating.
    enum Failure: Sendable, Equatable {
        /// The client sent `*`.
        case cancelled
        /// A response line was not strict base64.
        case invalidBase64
        /// The mechanism refused the client (wrong password, malformed message, ...), or the
        /// client asked to act as another user.
        case rejected
    }

    private enum Stage: Sendable {
        case awaitingResponse
        case awaitingCredential
        /// Additional data with success went out as a challenge; an empty line completes.
        case awaitingFinalAcknowledgement(identity: String)
        case finished
    }

    private static let cancellation: [UInt8] = [UInt8(ascii: "*")]
    private var mechanism: any SASLServerMechanism
    private var stage = Stage.awaitingResponse

    init(mechanism: any SASLServerMechanism) {
        self.mechanism = mechanism
    }

    /// Begins the exchange with the command's initial response, if it had one.
    mutating func start(initialResponse: [UInt8]?) -> Event {
        handle(mechanism.start(initialResponse: initialResponse))
    }

    /// Handles a line the client sent while the exchange runs.
    mutating func receive(line: [UInt8]) -> Event {
        if line == Self.cancellation { return finish(.cancelled) }
        switch stage {
        case .awaitingResponse:
            guard let response = Base64.decodeStrict(line) else { return finish(.invalidBase64) }
            return handle(mechanism.step(response))
        case .awaitingFinalAcknowledgement(let identity):
            guard line.isEmpty else { return finish(.rejected) }
            stage = .finished
            return .authenticated(identity: identity)
        case .awaitingCredential, .finished:
            return finish(.rejected)
        }
    }

    /// Continues after ``Event/needsCredential(username:)`` with the user's credential, or `nil`
    /// for an unknown user (which fails exactly like a wrong password).
    mutating func provide(credential: SCRAMCredential?) -> Event {
        guard case .awaitingCredential = stage else { return finish(.rejected) }
        return handle(mechanism.provide(credential: credential))
    }

    private mutating func handle(_ step: SASLServerStep) -> Event {
        switch step {
        case .challenge(let challenge):
            stage = .awaitingResponse
            return .challenge(challenge)
        case .needsCredential(let username):
            stage = .awaitingCredential
            return .needsCredential(username: username)
        case .success(let outcome):
            if let requested = outcome.authorizationIdentity, requested != outcome.authenticationIdentity {
                return finish(.rejected)
            }
            if let finalData = outcome.finalServerData {
                stage = .awaitingFinalAcknowledgement(identity: outcome.authenticationIdentity)
                return .challenge(finalData)
            }
            stage = .finished
            return .authenticated(identity: outcome.authenticationIdentity)
        case .failure:
            return finish(.rejected)
        }
    }

    private mutating func finish(_ failure: Failure) -> Event {
        stage = .finished
        return .failed(failure)
    }
}
