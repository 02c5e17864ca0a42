/// A server-side SASL mechanism (RFC 4422) as a pure state machine: it never performs I/O,
/// never looks anything up and never reads a clock or a random source of its own.
///
/// The caller drives it:
/// 1. ``start(initialResponse:)`` with the client's initial response, if the command had one;
/// 2. ``step(_:)`` with each client response (already base64-decoded);
/// 3. when a step answers ``SASLServerStep/needsCredential(username:)``, the caller looks the
///    user up and calls ``provide(credential:)`` — with `nil` for an unknown user. The
///    mechanism then fails only where a wrong password would fail, with the same reason, so
///    the exchange does not reveal which users exist.
public protocol SASLServerMechanism: Sendable {
    /// The registered mechanism name, e.g. `"SCRAM-SHA-256"`.
    var name: String { get }

    /// Begins the exchange. `nil` means the client sent no initial response; an empty array
    /// means it sent an empty one (`=` in SMTP and IMAP).
    mutating func start(initialResponse: [UInt8]?) -> SASLServerStep

    /// Handles the client's response to the last challenge.
    mutating func step(_ response: [UInt8]) -> SASLServerStep

    /// Continues after ``SASLServerStep/needsCredential(username:)`` with the user's credential,
    /// or `nil` when there is no such user.
    mutating func provide(credential: SCRAMCredential?) -> SASLServerStep
}

/// What a server mechanism asks the protocol layer to do next.
public enum SASLServerStep: Sendable, Equatable {
    /// Send these bytes to the client as a challenge (the protocol base64-encodes them).
    case challenge([UInt8])
    /// Look up the credential of this (SASLprep-prepared) user and call `provide(credential:)`.
    case needsCredential(username: String)
    /// The client is authenticated.
    case success(SASLAuthentication)
    /// The exchange failed; the mechanism is finished.
    case failure(SASLFailure)
}

/// The outcome of a successful exchange.
public struct SASLAuthentication: Sendable, Equatable {
    /// The identity the client asked to act as, if it named one (not yet authorized: the
    /// protocol decides whether the authenticated user may act as it).
    public let authorizationIdentity: String?
    /// The identity whose credential was proven (SASLprep-prepared).
    public let authenticationIdentity: String
    /// Data the server must still send with its success outcome (SCRAM's `v=` message).
    public let finalServerData: [UInt8]?

    /// Creates an outcome.
    public init(authorizationIdentity: String?, authenticationIdentity: String, finalServerData: [UInt8]?) {
        self.authorizationIdentity = authorizationIdentity
        self.authenticationIdentity = authenticationIdentity
        self.finalServerData = finalServerData
    }
}

/// A failed exchange: why, and what (if anything) the mechanism wants sent to the client.
public struct SASLFailure: Error, Sendable, Equatable {
    /// Why the exchange failed.
    public let reason: SASLFailureReason
    /// Mechanism-specific error data for the client, such as SCRAM's `e=invalid-proof`
    /// (RFC 5802 §7); the protocol may send it as a final challenge or drop it.
    public let serverData: [UInt8]?

    /// Creates a failure.
    public init(reason: SASLFailureReason, serverData: [UInt8]? = nil) {
        self.reason = reason
        self.serverData = serverData
    }
}

/// Why a server mechanism failed.
public enum SASLFailureReason: Error, Sendable, Equatable, CustomStringConvertible {
    /// The client's message does not follow the mechanism's syntax; the text says how.
    case malformedMessage(String)
    /// The client's message exceeds ``SASLLimits``.
    case messageTooLong
    /// The user name is not valid (bad encoding, or refused by SASLprep).
    case invalidUsername
    /// Wrong password or unknown user: deliberately the same reason for both.
    case invalidCredentials
    /// The client asked for channel binding, which is not offered (no `-PLUS` mechanism).
    case channelBindingNotSupported
    /// The channel binding data of SCRAM's final message does not match its first message.
    case channelBindingMismatch
    /// The nonce of SCRAM's final message is not the one the server sent.
    case nonceMismatch
    /// The client used a mandatory extension the server does not know (SCRAM's `m=`).
    case unsupportedExtension
    /// A message arrived when the mechanism was not waiting for one (or had finished).
    case unexpectedMessage

    public var description: String {
        switch self {
        case .malformedMessage(let detail): return "malformed SASL message: \(detail)"
        case .messageTooLong: return "SASL message too long"
        case .invalidUsername: return "invalid user name"
        case .invalidCredentials: return "invalid credentials"
        case .channelBindingNotSupported: return "channel binding is not supported"
        case .channelBindingMismatch: return "channel binding data does not match"
        case .nonceMismatch: return "nonce does not match"
        case .unsupportedExtension: return "unsupported mandatory extension"
        case .unexpectedMessage: return "SASL message out of sequence"
        }
    }
}
