/// The state of a message's ARC chain (RFC 8617 §4.4), as `arc=` reports it (RFC 8601).
public enum ARCChainResult: String, Sendable, Hashable, CaseIterable {
    /// The message has no ARC sets.
    case none
    /// Every ARC-Seal and the newest ARC-Message-Signature verified.
    case pass
    /// The chain is broken, malformed, or a seal says it was already failing.
    case fail
}
