/// The outcome of verifying one DKIM signature, in the words of RFC 8601 §2.7.1.
public enum DKIMResult: String, Sendable, Hashable, CaseIterable {
    /// The message carries no signature.
    case none
    /// The signature verified.
    case pass
    /// The signature did not verify (body hash or signature mismatch).
    case fail
    /// The signature verified but a local policy refuses it (for example a weak algorithm).
    case policy
    /// The signature could not be processed for a reason that is not an error.
    case neutral
    /// A transient error, usually DNS, prevented verification.
    case temperror
    /// The signature or its key record is broken and cannot be verified.
    case permerror
}
