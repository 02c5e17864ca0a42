import Foundation

/// Why a signature did not pass, with the result it leads to.
public enum DKIMFailureReason: Error, Sendable, Hashable, CustomStringConvertible {
    /// The signature field is broken or incomplete (permerror).
    case malformedSignature(DKIMSignatureError)
    /// The body does not hash to `bh=`: it changed in transit (fail).
    case bodyHashMismatch
    /// The signature does not verify over the signed header fields (fail).
    case signatureMismatch
    /// `l=` is longer than the canonical body (permerror, RFC 6376 §6.1.3).
    case bodyShorterThanLengthLimit(limit: Int, bodyLength: Int)
    /// No key record: the name does not exist or has no TXT record (permerror).
    case keyNotFound(String)
    /// The key lookup failed for now (temperror).
    case keyLookupFailed(String)
    /// The key record cannot be read (permerror).
    case malformedKeyRecord(String)
    /// The key record has an empty `p=`: the key was revoked (permerror, §3.6.1).
    case keyRevoked
    /// `p=` is not a public key of the record's type (permerror).
    case invalidPublicKey
    /// The key type (`k=`) does not match the signature algorithm (permerror).
    case keyTypeMismatch(signature: DKIMKeyType, key: DKIMKeyType)
    /// The key record's `h=` does not allow the signature's hash (permerror).
    case hashNotAllowedByKey(DKIMHashAlgorithm)
    /// The key record says `t=s` but `i=` is in a subdomain of `d=` (permerror).
    case identityNotAllowedByStrictKey(identity: String, domain: String)
    /// The RSA key is shorter than the verifier accepts (permerror, RFC 8301 §3.2).
    case keyTooShort(bits: Int?, minimum: Int)
    /// The RSA key is longer than the verifier handles (permerror).
    case keyTooLong(bits: Int, maximum: Int)
    /// `x=` has passed (permerror, §3.5).
    case signatureExpired(expiration: Date)
    /// `t=` is in the future (permerror, §3.5).
    case signatureTimestampInFuture(timestamp: Date)
    /// The signature verified but with a weak algorithm (policy, RFC 8301 §3.1).
    case weakAlgorithm(DKIMAlgorithm)

    /// The RFC 8601 result this reason leads to.
    public var result: DKIMResult {
        switch self {
        case .bodyHashMismatch, .signatureMismatch: .fail
        case .keyLookupFailed: .temperror
        case .weakAlgorithm: .policy
        case .malformedSignature, .bodyShorterThanLengthLimit, .keyNotFound, .malformedKeyRecord, .keyRevoked,
             .invalidPublicKey, .keyTypeMismatch, .hashNotAllowedByKey, .identityNotAllowedByStrictKey,
             .keyTooShort, .keyTooLong, .signatureExpired, .signatureTimestampInFuture:
            .permerror
        }
    }

    public var description: String {
        switch self {
        case .malformedSignature(let error): "bad signature syntax: \(error)"
        case .bodyHashMismatch: "body hash did not verify"
        case .signatureMismatch: "signature did not verify"
        case .bodyShorterThanLengthLimit(let limit, let length): "l=\(limit) is longer than the body (\(length) octets)"
        case .keyNotFound(let name): "no key record at \(name)"
        case .keyLookupFailed(let detail): "key lookup failed: \(detail)"
        case .malformedKeyRecord(let detail): detail
        case .keyRevoked: "key revoked"
        case .invalidPublicKey: "the key record's p= is not a usable public key"
        case .keyTypeMismatch(let signature, let key): "a \(signature.rawValue) signature with a \(key.rawValue) key"
        case .hashNotAllowedByKey(let hash): "the key record's h= does not allow \(hash.rawValue)"
        case .identityNotAllowedByStrictKey(let identity, let domain):
            "the key record's t=s requires i= in \(domain) itself, not \(identity)"
        case .keyTooShort(let bits?, let minimum): "\(bits)-bit key is shorter than \(minimum) bits"
        case .keyTooShort(nil, let minimum): "key is shorter than \(minimum) bits"
        case .keyTooLong(let bits, let maximum): "\(bits)-bit key is longer than \(maximum) bits"
        case .signatureExpired(let expiration): "signature expired at \(Int64(expiration.timeIntervalSince1970)) (x=)"
        case .signatureTimestampInFuture(let timestamp): "signature time \(Int64(timestamp.timeIntervalSince1970)) (t=) is in the future"
        case .weakAlgorithm(let algorithm): "\(algorithm.rawValue) is too weak to trust"
        }
    }
}
