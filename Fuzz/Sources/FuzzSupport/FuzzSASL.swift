import SASL

/// A deterministic SASL set-up for the session targets: fixed nonces and decoy key, and one
/// user whose credential is cheap to check (one PBKDF2 iteration), so that fuzzing spends its
/// time in the parsers rather than in key derivation and replays the same way every time.
public enum FuzzSASL {
    /// The user that exists.
    public static let username = "user"
    /// Its password.
    public static let password = "pencil"

    /// The credential of ``username``; nil only if SASL refused to derive it.
    public static let credential: SCRAMCredential? = try? SCRAMCredential(
        password: password, salt: Array("fuzz-salt".utf8), iterations: 1)

    /// The credential for a looked-up name: ``credential`` for ``username``, none otherwise.
    public static func credential(for name: String) -> SCRAMCredential? {
        name == username ? credential : nil
    }

    /// SCRAM-SHA-256, PLAIN and LOGIN with a fixed nonce and decoy-salt key.
    public static let mechanisms = SASLMechanismRegistry.standard(context: SASLServerContext(
        limits: .standard, unknownUserSaltKey: [UInt8](repeating: 0x5A, count: 32),
        makeNonce: {
            if let nonce = SCRAMNonce("fuzz-nonce-0123456789") { return nonce }
            var generator = SystemRandomNumberGenerator()
            return SCRAMNonce.random(using: &generator)
        }))
}
