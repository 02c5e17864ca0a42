/// Bounds on what a SASL peer may send, so that no exchange can grow without limit.
///
/// The defaults are generous for real clients; the protocol layer may pass tighter values.
public struct SASLLimits: Sendable, Equatable {
    /// The longest client message accepted, in bytes (after base64 decoding).
    public var maximumMessageLength: Int
    /// The longest authentication or authorization identity, in bytes (RFC 4616 §2 asks
    /// servers to accept at least 255).
    public var maximumIdentityLength: Int
    /// The longest password accepted by PLAIN and LOGIN, in bytes (RFC 4616 §2: at least 255).
    public var maximumPasswordLength: Int
    /// The longest SCRAM nonce accepted from a peer, in bytes.
    public var maximumNonceLength: Int
    /// The largest SCRAM iteration count a client agrees to compute.
    public var maximumIterationCount: Int

    /// Creates limits; every value defaults to ``standard``'s.
    public init(
        maximumMessageLength: Int = 4096,
        maximumIdentityLength: Int = 1024,
        maximumPasswordLength: Int = 1024,
        maximumNonceLength: Int = 512,
        maximumIterationCount: Int = SCRAMCredential.maximumIterations
    ) {
        self.maximumMessageLength = maximumMessageLength
        self.maximumIdentityLength = maximumIdentityLength
        self.maximumPasswordLength = maximumPasswordLength
        self.maximumNonceLength = maximumNonceLength
        self.maximumIterationCount = maximumIterationCount
    }

    /// The default limits.
    public static let standard = SASLLimits()
}
