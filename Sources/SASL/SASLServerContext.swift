/// What server mechanisms need from outside: bounds, a source of fresh nonces, and a
/// secret for unknown users' decoy salts. Injected so that the mechanisms stay pure.
public struct SASLServerContext: Sendable {
    /// Bounds on clients' messages.
    public var limits: SASLLimits
    /// Secret from which SCRAM derives decoy salts for unknown users. Keep it stable across
    /// restarts (e.g. stored with the data) so that a decoy salt never changes while real
    /// users' salts do not either.
    public var unknownUserSaltKey: [UInt8]
    /// Returns a fresh random nonce for each SCRAM exchange.
    public var makeNonce: @Sendable () -> SCRAMNonce
    /// Where PLAIN and LOGIN remember successful password checks (nil: every check derives
    /// the key again). One cache serves every connection of a server.
    public var verificationCache: PasswordVerificationCache?

    /// Creates a context.
    public init(
        limits: SASLLimits, unknownUserSaltKey: [UInt8], verificationCache: PasswordVerificationCache? = nil,
        makeNonce: @escaping @Sendable () -> SCRAMNonce
    ) {
        self.limits = limits
        self.unknownUserSaltKey = unknownUserSaltKey
        self.verificationCache = verificationCache
        self.makeNonce = makeNonce
    }

    /// A context whose nonces come from the system's secure random generator. Without a
    /// `unknownUserSaltKey`, a random one is made (stable for the life of this value only).
    public static func system(
        limits: SASLLimits = .standard, unknownUserSaltKey: [UInt8]? = nil,
        verificationCache: PasswordVerificationCache? = nil
    ) -> SASLServerContext {
        var generator = SystemRandomNumberGenerator()
        let key = unknownUserSaltKey ?? (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return SASLServerContext(limits: limits, unknownUserSaltKey: key, verificationCache: verificationCache) {
            var generator = SystemRandomNumberGenerator()
            return SCRAMNonce.random(using: &generator)
        }
    }
}
