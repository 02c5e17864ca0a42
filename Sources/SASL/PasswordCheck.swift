/// The final step shared by the password mechanisms (PLAIN, LOGIN): check a cleartext
/// password against the user's credential.
enum PasswordCheck {
    /// A credential no password is checked against successfully in practice; an unknown
    /// user's attempt is verified against it so that it costs as much time as a real one.
    private static let timingDecoy: SCRAMCredential? = try? SCRAMCredential(
        password: "martlet timing decoy", salt: Array(repeating: 0x5A, count: 16),
        iterations: SCRAMCredential.defaultIterations)

    /// The outcome of checking `password` for `username` against `credential`.
    /// A success remembered in `cache` skips the key derivation; a new success is remembered.
    static func outcome(
        authorizationIdentity: String?, username: String, password: String, credential: SCRAMCredential?,
        cache: PasswordVerificationCache? = nil
    ) -> SASLServerStep {
        guard let credential else {
            _ = timingDecoy?.verify(password: password)
            return .failure(SASLFailure(reason: .invalidCredentials))
        }
        if cache?.contains(username: username, password: password, credential: credential) != true {
            guard credential.verify(password: password) else {
                return .failure(SASLFailure(reason: .invalidCredentials))
            }
            cache?.insert(username: username, password: password, credential: credential)
        }
        return .success(SASLAuthentication(
            authorizationIdentity: authorizationIdentity, authenticationIdentity: username,
            finalServerData: nil))
    }

    /// Decodes one field of a password mechanism: non-empty, within `maximumLength` bytes,
    /// UTF-8, without NUL.
    static func decodeField(
        _ bytes: some Collection<UInt8>, named field: String, maximumLength: Int
    ) -> Result<String, SASLFailureReason> {
        guard !bytes.isEmpty else { return .failure(.malformedMessage("empty \(field)")) }
        guard bytes.count <= maximumLength else { return .failure(.messageTooLong) }
        guard !bytes.contains(0) else { return .failure(.malformedMessage("NUL in \(field)")) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.malformedMessage("\(field) is not UTF-8"))
        }
        return .success(text)
    }

    /// Prepares a user name with SASLprep; a name it refuses, or that becomes empty, is invalid.
    static func prepareUsername(_ username: String) -> Result<String, SASLFailureReason> {
        guard let prepared = try? SASLprep.prepare(username, mode: .query), !prepared.isEmpty else {
            return .failure(.invalidUsername)
        }
        return .success(prepared)
    }
}
