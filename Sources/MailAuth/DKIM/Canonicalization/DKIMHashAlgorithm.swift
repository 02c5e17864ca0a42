import Crypto

/// The hash algorithms DKIM signatures use (RFC 6376 §3.3, RFC 8301).
public enum DKIMHashAlgorithm: String, Sendable, Hashable, CaseIterable {
    case sha1
    case sha256
}

/// A running hash of one ``DKIMHashAlgorithm``. Exactly one of the two hashes is set; they
/// are updated in place (an enum payload would be copied on every update).
struct DKIMHashFunction {
    private var sha1: Insecure.SHA1?
    private var sha256: SHA256?

    init(_ algorithm: DKIMHashAlgorithm) {
        switch algorithm {
        case .sha1: sha1 = Insecure.SHA1()
        case .sha256: sha256 = SHA256()
        }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        sha1?.update(bufferPointer: bytes)
        sha256?.update(bufferPointer: bytes)
    }

    mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    func finalize() -> [UInt8] {
        if let sha1 { return Array(sha1.finalize()) }
        if let sha256 { return Array(sha256.finalize()) }
        return []
    }

    /// The digest of `bytes` in one go.
    static func digest(_ algorithm: DKIMHashAlgorithm, of bytes: [UInt8]) -> [UInt8] {
        switch algorithm {
        case .sha1: Array(Insecure.SHA1.hash(data: bytes))
        case .sha256: Array(SHA256.hash(data: bytes))
        }
    }
}
