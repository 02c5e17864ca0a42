/// The server side of SCRAM-SHA-256 (RFC 5802 §5, RFC 7677) without channel binding.
///
/// `n,,` and `y,,` GS2 headers are accepted; `p=` is refused because no `-PLUS` variant is
/// offered. For an unknown user the exchange continues with a salt derived from
/// `unknownUserSaltKey` and the user name (stable, so repeated attempts look alike) and
/// fails at the proof, exactly like a wrong password.
public struct SCRAMSHA256ServerMechanism: SASLServerMechanism {
    public var name: String { "SCRAM-SHA-256" }

    /// What the client's first message established.
    private struct ClientFirst {
        var gs2Header: ArraySlice<UInt8>
        var authorizationIdentity: String?
        var username: String
        var bare: ArraySlice<UInt8>
        var clientNonce: String
    }

    /// What the server's first message committed to.
    private struct ServerFirst {
        var clientFirst: ClientFirst
        var message: [UInt8]
        var combinedNonce: String
        var credential: SCRAMCredential
        var userExists: Bool
    }

    private enum State {
        case initial
        case awaitingClientFirst
        case awaitingCredential(ClientFirst)
        case awaitingClientFinal(ServerFirst)
        case finished
    }

    private var state = State.initial
    private let serverNonce: SCRAMNonce
    private let unknownUserSaltKey: [UInt8]
    private let limits: SASLLimits

    /// Creates an exchange.
    /// - Parameters:
    ///   - serverNonce: the server's fresh random nonce for this exchange.
    ///   - unknownUserSaltKey: a server secret from which unknown users' decoy salts are derived.
    ///   - limits: the bounds on the client's messages.
    public init(serverNonce: SCRAMNonce, unknownUserSaltKey: [UInt8], limits: SASLLimits = .standard) {
        self.serverNonce = serverNonce
        self.unknownUserSaltKey = unknownUserSaltKey
        self.limits = limits
    }

    public mutating func start(initialResponse: [UInt8]?) -> SASLServerStep {
        guard case .initial = state else { return fail(.unexpectedMessage) }
        guard let initialResponse else {
            state = .awaitingClientFirst
            return .challenge([])
        }
        return handleClientFirst(initialResponse[...])
    }

    public mutating func step(_ response: [UInt8]) -> SASLServerStep {
        switch state {
        case .awaitingClientFirst:
            return handleClientFirst(response[...])
        case .awaitingClientFinal(let serverFirst):
            return handleClientFinal(response[...], after: serverFirst)
        case .initial, .awaitingCredential, .finished:
            return fail(.unexpectedMessage)
        }
    }

    public mutating func provide(credential: SCRAMCredential?) -> SASLServerStep {
        guard case .awaitingCredential(let clientFirst) = state else { return fail(.unexpectedMessage) }
        let chosen = credential ?? decoyCredential(for: clientFirst.username)
        let combinedNonce = clientFirst.clientNonce + serverNonce.text
        // RFC 5802 §5.1 / §7: server-first-message = nonce "," salt "," iteration-count
        let message = Array("r=\(combinedNonce),s=\(encodeBase64(chosen.salt)),i=\(chosen.iterations)".utf8)
        state = .awaitingClientFinal(ServerFirst(
            clientFirst: clientFirst, message: message, combinedNonce: combinedNonce,
            credential: chosen, userExists: credential != nil))
        return .challenge(message)
    }

    // MARK: - client-first-message

    private mutating func handleClientFirst(_ message: ArraySlice<UInt8>) -> SASLServerStep {
        guard message.count <= limits.maximumMessageLength else { return fail(.messageTooLong) }
        guard String(validating: message, as: UTF8.self) != nil else {
            return fail(.malformedMessage("client-first-message is not UTF-8"))
        }
        let fields = SCRAMSyntax.fields(message)
        guard fields.count >= 4 else {
            return fail(.malformedMessage("client-first-message needs a GS2 header, n= and r="))
        }
        // gs2-cbind-flag: "n" (client does not support channel binding), "y" (client does, but
        // believes the server does not: true, we offer no -PLUS), "p=" (binding requested).
        switch Array(fields[0]) {
        case Array("n".utf8), Array("y".utf8):
            break
        case let flag where flag.starts(with: "p=".utf8):
            return fail(.channelBindingNotSupported)
        default:
            return fail(.malformedMessage("invalid GS2 channel binding flag"))
        }
        var authorizationIdentity: String?
        if !fields[1].isEmpty {
            guard let encoded = SCRAMSyntax.value(of: "a", in: fields[1]) else {
                return fail(.malformedMessage("GS2 authorization identity must be a=<name>"))
            }
            guard encoded.count <= limits.maximumIdentityLength else { return fail(.messageTooLong) }
            guard let identity = SCRAMSyntax.decodeName(encoded) else {
                return fail(.malformedMessage("invalid authorization identity encoding"))
            }
            authorizationIdentity = identity
        }
        let gs2Header = message[message.startIndex..<fields[2].startIndex]
        // RFC 5802 §5.1, "m": reserved for a mandatory extension; we support none.
        if SCRAMSyntax.value(of: "m", in: fields[2]) != nil { return fail(.unsupportedExtension) }
        guard let encodedUsername = SCRAMSyntax.value(of: "n", in: fields[2]) else {
            return fail(.malformedMessage("expected n=<username>"))
        }
        guard encodedUsername.count <= limits.maximumIdentityLength else { return fail(.messageTooLong) }
        guard let decodedUsername = SCRAMSyntax.decodeName(encodedUsername),
            let username = try? SASLprep.prepare(decodedUsername, mode: .query), !username.isEmpty
        else { return fail(.invalidUsername) }
        guard let nonceField = SCRAMSyntax.value(of: "r", in: fields[3]) else {
            return fail(.malformedMessage("expected r=<nonce>"))
        }
        guard nonceField.count <= limits.maximumNonceLength else { return fail(.messageTooLong) }
        guard let clientNonce = SCRAMSyntax.nonce(nonceField, maximumLength: limits.maximumNonceLength) else {
            return fail(.malformedMessage("the nonce must be printable ASCII without commas"))
        }
        // Optional extensions (attr-val) may follow; they are ignored.
        guard fields.dropFirst(4).allSatisfy(SCRAMSyntax.isAttributeValue) else {
            return fail(.malformedMessage("invalid extension attribute"))
        }
        state = .awaitingCredential(ClientFirst(
            gs2Header: gs2Header, authorizationIdentity: authorizationIdentity, username: username,
            bare: message[fields[2].startIndex...], clientNonce: clientNonce))
        return .needsCredential(username: username)
    }

    // MARK: - client-final-message

    private mutating func handleClientFinal(
        _ message: ArraySlice<UInt8>, after serverFirst: ServerFirst
    ) -> SASLServerStep {
        guard message.count <= limits.maximumMessageLength else { return fail(.messageTooLong, final: true) }
        guard String(validating: message, as: UTF8.self) != nil else {
            return fail(.malformedMessage("client-final-message is not UTF-8"), final: true)
        }
        let fields = SCRAMSyntax.fields(message)
        guard fields.count >= 3, let proofField = fields.last,
            let channelBindingField = SCRAMSyntax.value(of: "c", in: fields[0]),
            let nonceField = SCRAMSyntax.value(of: "r", in: fields[1]),
            let proofValue = SCRAMSyntax.value(of: "p", in: proofField),
            fields.dropFirst(2).dropLast().allSatisfy(SCRAMSyntax.isAttributeValue)
        else {
            return fail(.malformedMessage("expected c=<binding>,r=<nonce>[,extensions],p=<proof>"), final: true)
        }
        // RFC 5802 §5.1, "c": without channel binding data the value is the base64 GS2 header.
        guard let channelBinding = SCRAMSyntax.base64(channelBindingField) else {
            return fail(.malformedMessage("channel binding is not base64"), final: true)
        }
        guard constantTimeEqual(channelBinding, Array(serverFirst.clientFirst.gs2Header)) else {
            return fail(.channelBindingMismatch, final: true)
        }
        guard nonceField.elementsEqual(serverFirst.combinedNonce.utf8) else {
            return fail(.nonceMismatch, final: true)
        }
        guard let proof = SCRAMSyntax.base64(proofValue), proof.count == SCRAMSHA256Primitives.keyLength else {
            return fail(.malformedMessage("proof is not a base64 SHA-256 value"), final: true)
        }
        let withoutProof = message[message.startIndex..<(proofField.startIndex - 1)]
        // RFC 5802 §3: AuthMessage := client-first-message-bare + "," + server-first-message
        //                              + "," + client-final-message-without-proof
        let authMessage = Array(serverFirst.clientFirst.bare) + [SCRAMSyntax.comma] + serverFirst.message
            + [SCRAMSyntax.comma] + Array(withoutProof)
        let credential = serverFirst.credential
        let clientSignature = SCRAMSHA256Primitives.hmac(key: credential.storedKey, message: authMessage)
        let clientKey = SCRAMSHA256Primitives.exclusiveOr(proof, clientSignature)
        let proofMatches = constantTimeEqual(SCRAMSHA256Primitives.hash(clientKey), credential.storedKey)
        guard proofMatches && serverFirst.userExists else { return fail(.invalidCredentials, final: true) }
        let serverSignature = SCRAMSHA256Primitives.hmac(key: credential.serverKey, message: authMessage)
        state = .finished
        return .success(SASLAuthentication(
            authorizationIdentity: serverFirst.clientFirst.authorizationIdentity,
            authenticationIdentity: serverFirst.clientFirst.username,
            finalServerData: Array("v=\(encodeBase64(serverSignature))".utf8)))
    }

    // MARK: - helpers

    /// A stable stand-in credential for a user that does not exist.
    private func decoyCredential(for username: String) -> SCRAMCredential {
        func derive(_ label: String) -> [UInt8] {
            SCRAMSHA256Primitives.hmac(key: unknownUserSaltKey, message: Array("\(label)\u{0}\(username)".utf8))
        }
        return SCRAMCredential(
            validatedSalt: Array(derive("salt").prefix(SCRAMCredential.generatedSaltLength)),
            iterations: SCRAMCredential.defaultIterations,
            storedKey: derive("stored-key"), serverKey: derive("server-key"))
    }

    /// Ends the exchange. Failures after the server-first message carry the RFC 5802 §7
    /// `e=` value for the client; earlier ones have no server data to send.
    private mutating func fail(_ reason: SASLFailureReason, final: Bool = false) -> SASLServerStep {
        state = .finished
        guard final else { return .failure(SASLFailure(reason: reason)) }
        let error: SCRAMSyntax.ServerError
        switch reason {
        case .malformedMessage: error = .invalidEncoding
        case .invalidCredentials: error = .invalidProof
        case .channelBindingMismatch: error = .channelBindingsDontMatch
        case .channelBindingNotSupported: error = .channelBindingNotSupported
        case .unsupportedExtension: error = .extensionsNotSupported
        case .invalidUsername: error = .invalidUsernameEncoding
        case .messageTooLong, .nonceMismatch, .unexpectedMessage: error = .otherError
        }
        return .failure(SASLFailure(reason: reason, serverData: error.message))
    }
}
