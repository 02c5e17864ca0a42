/// Why a DKIM-Signature (or ARC-Message-Signature, ARC-Seal) field cannot be used.
public enum DKIMSignatureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The tag list itself is broken (duplicate tag, bad element, too many tags).
    case malformedTagList(String)
    /// A required tag is absent.
    case missingTag(String)
    /// `v=` is not "1".
    case unsupportedVersion(String)
    /// `a=` names an algorithm this verifier does not know.
    case unknownAlgorithm(String)
    /// A base64 tag (`b=`, `bh=`) does not decode.
    case invalidBase64(tag: String)
    /// `c=` is not one of the canonicalizations.
    case invalidCanonicalization(String)
    /// `d=` is not a domain name.
    case invalidDomain(String)
    /// `s=` is not a selector (dot-separated labels).
    case invalidSelector(String)
    /// The domain of `i=` is neither `d=` nor below it (§3.5).
    case identityNotInDomain(identity: String, domain: String)
    /// `h=` does not list the From field (§5.4).
    case fromNotSigned
    /// `h=` lists a field the signature kind must not sign (ARC-Seal in an AMS).
    case forbiddenSignedField(String)
    /// `l=` is not a decimal number.
    case invalidBodyLength(String)
    /// `t=` or `x=` is not a decimal number.
    case invalidTime(tag: String, value: String)
    /// `x=` is not after `t=` (§3.5).
    case expirationNotAfterTimestamp
    /// `q=` names no method this verifier can use (only dns/txt exists).
    case unsupportedQueryMethod(String)
    /// ARC: `i=` is not an instance number from 1 to 50.
    case invalidInstance(String)
    /// ARC: `cv=` is not none, pass or fail.
    case invalidChainValidation(String)
    /// ARC: a tag the field must not have (`h=` in an ARC-Seal).
    case forbiddenTag(String)

    public var description: String {
        switch self {
        case .malformedTagList(let detail): "malformed tag list: \(detail)"
        case .missingTag(let tag): "the \(tag)= tag is missing"
        case .unsupportedVersion(let version): "unsupported version v=\(version)"
        case .unknownAlgorithm(let algorithm): "unknown algorithm a=\(algorithm)"
        case .invalidBase64(let tag): "the \(tag)= tag is not valid base64"
        case .invalidCanonicalization(let value): "unknown canonicalization c=\(value)"
        case .invalidDomain(let domain): "d=\(domain) is not a domain name"
        case .invalidSelector(let selector): "s=\(selector) is not a selector"
        case .identityNotInDomain(let identity, let domain): "i=\(identity) is not in the domain d=\(domain)"
        case .fromNotSigned: "h= does not include the From field"
        case .forbiddenSignedField(let field): "h= must not include \(field)"
        case .invalidBodyLength(let value): "l=\(value) is not a length"
        case .invalidTime(let tag, let value): "\(tag)=\(value) is not a time"
        case .expirationNotAfterTimestamp: "x= is not later than t="
        case .unsupportedQueryMethod(let value): "unsupported query method q=\(value)"
        case .invalidInstance(let value): "i=\(value) is not an ARC instance number (1 to 50)"
        case .invalidChainValidation(let value): "cv=\(value) is not none, pass or fail"
        case .forbiddenTag(let tag): "the \(tag)= tag is not allowed here"
        }
    }
}
