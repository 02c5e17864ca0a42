import Foundation

/// A password stored as SCRAM-SHA-256 verifiers (RFC 5802 §3, RFC 7677): the salt, the
/// iteration count, `StoredKey` and `ServerKey`. It serves SCRAM-SHA-256 directly and
/// PLAIN/LOGIN through ``verify(password:)``; the password itself is never kept.
public struct SCRAMCredential: Sendable, Equatable {
    /// The iteration count used for new credentials (RFC 7677 §4 asks for at least 4096).
    public static let defaultIterations = 4096
    /// The largest iteration count accepted, so a corrupt record or a hostile peer cannot
    /// make one key derivation run for minutes.
    public static let maximumIterations = 10_000_000
    /// The length of a generated salt in bytes.
    public static let generatedSaltLength = 16
    /// The longest salt accepted in bytes.
    public static let maximumSaltLength = 1024

    /// The random salt of the key derivation.
    public let salt: [UInt8]
    /// The PBKDF2 iteration count.
    public let iterations: Int
    /// `H(ClientKey)`: what a client proof is checked against.
    public let storedKey: [UInt8]
    /// `HMAC(SaltedPassword, "Server Key")`: what proves the server to the client.
    public let serverKey: [UInt8]

    /// Derives a credential from a password, prepared with SASLprep as a stored string.
    ///
    /// - Parameters:
    ///   - salt: the salt to use; `nil` generates 16 random bytes.
    ///   - iterations: the PBKDF2 iteration count.
    public init(
        password: String, salt: [UInt8]? = nil, iterations: Int = SCRAMCredential.defaultIterations
    ) throws(SASLError) {
        let prepared = try SASLprep.prepare(password, mode: .storedString)
        guard !prepared.isEmpty else { throw .emptyAfterPreparation }
        let chosenSalt = salt ?? Self.randomSalt()
        try Self.validate(salt: chosenSalt, iterations: iterations)
        let saltedPassword = try SCRAMSHA256Primitives.saltedPassword(
            preparedPassword: prepared, salt: chosenSalt, iterations: iterations)
        self.salt = chosenSalt
        self.iterations = iterations
        self.storedKey = SCRAMSHA256Primitives.hash(
            SCRAMSHA256Primitives.clientKey(saltedPassword: saltedPassword))
        self.serverKey = SCRAMSHA256Primitives.serverKey(saltedPassword: saltedPassword)
    }

    /// Creates a credential from its parts, checking their sizes.
    public init(salt: [UInt8], iterations: Int, storedKey: [UInt8], serverKey: [UInt8]) throws(SASLError) {
        try Self.validate(salt: salt, iterations: iterations)
        guard storedKey.count == SCRAMSHA256Primitives.keyLength,
            serverKey.count == SCRAMSHA256Primitives.keyLength
        else {
            throw .malformedCredentialRecord("StoredKey and ServerKey must be 32 bytes each")
        }
        self.init(validatedSalt: salt, iterations: iterations, storedKey: storedKey, serverKey: serverKey)
    }

    /// Creates a credential from parts whose sizes the caller guarantees.
    init(validatedSalt salt: [UInt8], iterations: Int, storedKey: [UInt8], serverKey: [UInt8]) {
        self.salt = salt
        self.iterations = iterations
        self.storedKey = storedKey
        self.serverKey = serverKey
    }

    /// Decodes the RFC 5803 form
    /// `SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>`.
    public init(encoded: String) throws(SASLError) {
        // Longest valid record: a 1024-byte salt and two keys in base64, plus the punctuation.
        guard encoded.utf8.count <= 2048 else { throw .malformedCredentialRecord("record too long") }
        let sections = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard sections.count == 3 else {
            throw .malformedCredentialRecord("expected three sections separated by \"$\"")
        }
        guard sections[0] == "SCRAM-SHA-256" else {
            throw .malformedCredentialRecord("scheme is not SCRAM-SHA-256")
        }
        let parameters = sections[1].split(separator: ":", omittingEmptySubsequences: false)
        let keys = sections[2].split(separator: ":", omittingEmptySubsequences: false)
        guard parameters.count == 2, keys.count == 2 else {
            throw .malformedCredentialRecord("expected \"<iterations>:<salt>$<StoredKey>:<ServerKey>\"")
        }
        guard parameters[0].allSatisfy(\.isASCIIDigit), parameters[0].count <= 9,
            let iterations = Int(parameters[0])
        else {
            throw .malformedCredentialRecord("iteration count is not a decimal number in range")
        }
        guard let salt = decodeBase64(parameters[1]) else {
            throw .malformedCredentialRecord("salt is not valid base64")
        }
        guard let storedKey = decodeBase64(keys[0]), let serverKey = decodeBase64(keys[1]) else {
            throw .malformedCredentialRecord("StoredKey or ServerKey is not valid base64")
        }
        try self.init(salt: salt, iterations: iterations, storedKey: storedKey, serverKey: serverKey)
    }

    /// The RFC 5803 text form, suitable for storage.
    public var encoded: String {
        "SCRAM-SHA-256$\(iterations):\(encodeBase64(salt))$\(encodeBase64(storedKey)):\(encodeBase64(serverKey))"
    }

    /// Whether `password` (prepared with SASLprep as a query) derives this credential's
    /// `StoredKey`; the final comparison runs in constant time.
    public func verify(password: String) -> Bool {
        guard let prepared = try? SASLprep.prepare(password, mode: .query), !prepared.isEmpty,
            let saltedPassword = try? SCRAMSHA256Primitives.saltedPassword(
                preparedPassword: prepared, salt: salt, iterations: iterations)
        else { return false }
        let candidate = SCRAMSHA256Primitives.hash(
            SCRAMSHA256Primitives.clientKey(saltedPassword: saltedPassword))
        return constantTimeEqual(candidate, storedKey)
    }

    private static func validate(salt: [UInt8], iterations: Int) throws(SASLError) {
        guard (1...maximumIterations).contains(iterations) else {
            throw .iterationCountOutOfRange(iterations)
        }
        guard (1...maximumSaltLength).contains(salt.count) else {
            throw .invalidSaltLength(salt.count)
        }
    }

    private static func randomSalt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<generatedSaltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

extension SCRAMCredential: CustomStringConvertible {
    /// Names the parameters but never the key material, so logging a credential leaks nothing.
    public var description: String {
        "SCRAMCredential(SCRAM-SHA-256, iterations: \(iterations), salt: \(salt.count) bytes)"
    }
}
