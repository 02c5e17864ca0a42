/// A signing algorithm of the `a=` tag (RFC 6376 §3.3, RFC 8463 §3).
public enum DKIMAlgorithm: String, Sendable, Hashable, CaseIterable {
    case rsaSHA256 = "rsa-sha256"
    /// Verified for old mail but weak (RFC 8301 §3.1): a pass with it is reported as `policy`.
    case rsaSHA1 = "rsa-sha1"
    case ed25519SHA256 = "ed25519-sha256"

    /// The key type this algorithm signs with.
    public var keyType: DKIMKeyType {
        switch self {
        case .rsaSHA256, .rsaSHA1: .rsa
        case .ed25519SHA256: .ed25519
        }
    }

    /// The hash of the body and of the header data.
    public var hashAlgorithm: DKIMHashAlgorithm {
        switch self {
        case .rsaSHA1: .sha1
        case .rsaSHA256, .ed25519SHA256: .sha256
        }
    }
}

/// A key type of the key record's `k=` tag (RFC 6376 §3.6.1, RFC 8463 §4).
public enum DKIMKeyType: String, Sendable, Hashable, CaseIterable {
    case rsa
    case ed25519
}
