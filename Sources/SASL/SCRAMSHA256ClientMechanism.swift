/// The client side of SCRAM-SHA-256 (RFC 5802 §5, RFC 7677) without channel binding.
///
/// Drive it with ``start()`` (the initial response), then ``respond(to:)`` for each server
/// challenge: the server-first message yields the client-final message; a server-final
/// message sent as a challenge is verified and answered with an empty response. When the
/// server reports success, call ``finish(additionalData:)``: it verifies the server
/// signature if it came with the outcome, and refuses a success that never proved it.
public struct SCRAMSHA256ClientMechanism: Sendable {
    /// The mechanism name.
    public var name: String { "SCRAM-SHA-256" }

    private enum State {
        case initial
        case awaitingServerFirst
        case awaitingServerFinal(expectedServerSignature: [UInt8])
        case serverVerified
        case finished
    }

    private var state = State.initial
    private let password: String
    private let clientNonce: SCRAMNonce
    private let limits: SASLLimits
    private let clientFirstBare: String
    private let gs2Header: String

    /// Prepares an exchange. The user name and password are prepared with SASLprep.
    /// - Parameters:
    ///   - authorizationIdentity: the identity to act as, if not the user's own.
    ///   - clientNonce: a fresh random nonce for this exchange.
    ///   - limits: bounds on what the server may ask for (notably the iteration count).
    public init(
        username: String, password: String, authorizationIdentity: String? = nil,
        clientNonce: SCRAMNonce, limits: SASLLimits = .standard
    ) throws(SASLError) {
        let preparedUsername = try SASLprep.prepare(username, mode: .query)
        let preparedPassword = try SASLprep.prepare(password, mode: .query)
        guard !preparedUsername.isEmpty, !preparedPassword.isEmpty else { throw .emptyAfterPreparation }
        self.password = preparedPassword
        self.clientNonce = clientNonce
        self.limits = limits
        let authorization = authorizationIdentity.map { "a=" + SCRAMSyntax.encodeName($0) } ?? ""
        self.gs2Header = "n,\(authorization),"
        self.clientFirstBare = "n=\(SCRAMSyntax.encodeName(preparedUsername)),r=\(clientNonce.text)"
    }

    /// The client-first message, sent as the initial response.
    public mutating func start() throws(SASLError) -> [UInt8] {
        guard case .initial = state else { throw .unexpectedMessage }
        state = .awaitingServerFirst
        return Array((gs2Header + clientFirstBare).utf8)
    }

    /// Answers a server challenge: the server-first message or a server-final message.
    public mutating func respond(to challenge: [UInt8]) throws(SASLError) -> [UInt8] {
        switch state {
        case .awaitingServerFirst:
            return try handleServerFirst(challenge)
        case .awaitingServerFinal(let expected):
            try verifyServerFinal(challenge, expected: expected)
            state = .serverVerified
            return []
        case .initial, .serverVerified, .finished:
            state = .finished
            throw .unexpectedMessage
        }
    }

    /// Accepts the server's success outcome, with its additional data if any. Throws unless
    /// the server proved knowledge of the credential (here or in an earlier challenge).
    public mutating func finish(additionalData: [UInt8]?) throws(SASLError) {
        defer { state = .finished }
        switch state {
        case .awaitingServerFinal(let expected):
            guard let additionalData else { throw .serverSignatureMismatch }
            try verifyServerFinal(additionalData, expected: expected)
        case .serverVerified:
            if let additionalData, !additionalData.isEmpty { throw .unexpectedMessage }
        case .initial, .awaitingServerFirst, .finished:
            throw .unexpectedMessage
        }
    }

    private mutating func handleServerFirst(_ message: [UInt8]) throws(SASLError) -> [UInt8] {
        state = .finished
        guard message.count <= limits.maximumMessageLength else {
            throw .malformedServerMessage("server-first-message too long")
        }
        let fields = SCRAMSyntax.fields(message[...])
        if let first = fields.first, let error = SCRAMSyntax.value(of: "e", in: first) {
            throw .serverReportedError(String(decoding: error, as: UTF8.self))
        }
        guard fields.count >= 3 else {
            throw .malformedServerMessage("expected r=<nonce>,s=<salt>,i=<iterations>")
        }
        if SCRAMSyntax.value(of: "m", in: fields[0]) != nil {
            throw .malformedServerMessage("unsupported mandatory extension")
        }
        guard let nonceField = SCRAMSyntax.value(of: "r", in: fields[0]),
            let combinedNonce = SCRAMSyntax.nonce(
                nonceField, maximumLength: clientNonce.text.utf8.count + limits.maximumNonceLength)
        else { throw .malformedServerMessage("expected a printable r=<nonce>") }
        guard combinedNonce.utf8.starts(with: clientNonce.text.utf8),
            combinedNonce.utf8.count > clientNonce.text.utf8.count
        else { throw .serverNonceMismatch }
        guard let saltField = SCRAMSyntax.value(of: "s", in: fields[1]),
            let salt = SCRAMSyntax.base64(saltField),
            (1...SCRAMCredential.maximumSaltLength).contains(salt.count)
        else { throw .malformedServerMessage("expected s=<base64 salt>") }
        guard let iterationField = SCRAMSyntax.value(of: "i", in: fields[2]),
            iterationField.count <= 10, iterationField.allSatisfy({ (0x30...0x39).contains($0) }),
            let iterations = Int(String(decoding: iterationField, as: UTF8.self))
        else { throw .malformedServerMessage("expected i=<iteration count>") }
        guard (1...limits.maximumIterationCount).contains(iterations) else {
            throw .iterationCountOutOfRange(iterations)
        }
        guard fields.dropFirst(3).allSatisfy(SCRAMSyntax.isAttributeValue) else {
            throw .malformedServerMessage("invalid extension attribute")
        }

        let saltedPassword = try SCRAMSHA256Primitives.saltedPassword(
            preparedPassword: password, salt: salt, iterations: iterations)
        let clientKey = SCRAMSHA256Primitives.clientKey(saltedPassword: saltedPassword)
        let storedKey = SCRAMSHA256Primitives.hash(clientKey)
        let serverKey = SCRAMSHA256Primitives.serverKey(saltedPassword: saltedPassword)
        let withoutProof = "c=\(encodeBase64(Array(gs2Header.utf8))),r=\(combinedNonce)"
        let authMessage = Array(clientFirstBare.utf8) + [SCRAMSyntax.comma] + message
            + [SCRAMSyntax.comma] + Array(withoutProof.utf8)
        let clientSignature = SCRAMSHA256Primitives.hmac(key: storedKey, message: authMessage)
        let proof = SCRAMSHA256Primitives.exclusiveOr(clientKey, clientSignature)
        state = .awaitingServerFinal(
            expectedServerSignature: SCRAMSHA256Primitives.hmac(key: serverKey, message: authMessage))
        return Array("\(withoutProof),p=\(encodeBase64(proof))".utf8)
    }

    private mutating func verifyServerFinal(_ message: [UInt8], expected: [UInt8]) throws(SASLError) {
        state = .finished
        guard message.count <= limits.maximumMessageLength, let first = SCRAMSyntax.fields(message[...]).first
        else { throw .malformedServerMessage("server-final-message too long") }
        if let error = SCRAMSyntax.value(of: "e", in: first) {
            throw .serverReportedError(String(decoding: error, as: UTF8.self))
        }
        guard let verifierField = SCRAMSyntax.value(of: "v", in: first),
            let verifier = SCRAMSyntax.base64(verifierField)
        else { throw .malformedServerMessage("expected v=<base64 signature> or e=<error>") }
        guard constantTimeEqual(verifier, expected) else { throw .serverSignatureMismatch }
    }
}
