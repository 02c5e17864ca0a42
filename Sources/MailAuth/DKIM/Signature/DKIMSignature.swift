import MailCore

/// The tags of a DKIM-Signature field (RFC 6376 §3.5) or of an ARC-Message-Signature
/// (RFC 8617 §4.1.2, whose `i=` is the ARC instance), checked and decoded.
struct DKIMSignature: Sendable {
    /// Which field the tags come from.
    enum Kind: Sendable {
        case dkimSignature
        case arcMessageSignature
    }

    let algorithm: DKIMAlgorithm
    /// The signature (`b=`), decoded.
    let signature: [UInt8]
    /// The signature as written (`b=` without whitespace), for `header.b` (RFC 6008).
    let signatureText: String
    /// The body hash (`bh=`), decoded.
    let bodyHash: [UInt8]
    let canonicalization: DKIMCanonicalizationPair
    /// The signing domain (`d=`).
    let domain: String
    let selector: String
    /// The signed header field names (`h=`), in lower case, in order.
    let signedFields: [String]
    /// The agent or user identifier (`i=`; "@" and `d=` when absent). ARC: "@" and `d=`.
    let identity: String
    /// `l=`: how many canonical body octets are signed; nil for all.
    let bodyLengthLimit: Int?
    /// `t=`, seconds since 1970.
    let timestamp: Int64?
    /// `x=`, seconds since 1970.
    let expiration: Int64?
    /// ARC: the instance number (`i=`).
    let instance: Int?

    init(tags: DKIMTagList, kind: Kind) throws(DKIMSignatureError) {
        if kind == .dkimSignature {
            guard let version = tags["v"] else { throw .missingTag("v") }
            guard version == "1" else { throw .unsupportedVersion(version) }
        }
        guard let algorithmName = tags["a"] else { throw .missingTag("a") }
        guard let algorithm = DKIMAlgorithm(rawValue: algorithmName.lowercased()) else {
            throw .unknownAlgorithm(algorithmName)
        }
        self.algorithm = algorithm
        (signature, signatureText) = try Self.base64(tags, "b")
        (bodyHash, _) = try Self.base64(tags, "bh")
        if let value = tags["c"] {
            guard let pair = DKIMCanonicalizationPair(tagValue: value) else { throw .invalidCanonicalization(value) }
            canonicalization = pair
        } else {
            canonicalization = DKIMCanonicalizationPair(header: .simple, body: .simple)
        }
        (domain, selector) = try Self.domainAndSelector(tags)
        guard let headerList = tags["h"] else { throw .missingTag("h") }
        signedFields = DKIMTagList.colonSeparated(headerList).map { $0.lowercased() }
        guard signedFields.contains("from") else { throw .fromNotSigned }
        if kind == .arcMessageSignature, signedFields.contains("arc-seal") { throw .forbiddenSignedField("ARC-Seal") }
        switch kind {
        case .dkimSignature:
            instance = nil
            if let identity = tags["i"] {
                guard let at = identity.lastIndex(of: "@"),
                      Self.isWithin(String(identity[identity.index(after: at)...]), domain: domain) else {
                    throw .identityNotInDomain(identity: identity, domain: domain)
                }
                self.identity = identity
            } else {
                identity = "@" + domain
            }
        case .arcMessageSignature:
            instance = try Self.instance(tags)
            identity = "@" + domain
        }
        if kind == .arcMessageSignature {
            // RFC 8617 §4.1.2 gives the AMS no l= tag: the whole body is always signed.
            bodyLengthLimit = nil
        } else if let value = tags["l"] {
            guard !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .invalidBodyLength(value) }
            // Up to 76 digits are allowed (§3.5); anything past Int.max is longer than any body.
            bodyLengthLimit = Int(value) ?? Int.max
        } else {
            bodyLengthLimit = nil
        }
        timestamp = try Self.time(tags, "t")
        expiration = try Self.time(tags, "x")
        if let timestamp, let expiration, expiration <= timestamp { throw .expirationNotAfterTimestamp }
        if let methods = tags["q"] {
            let known = DKIMTagList.colonSeparated(methods).contains { $0.lowercased().hasPrefix("dns/txt") || $0.lowercased() == "dns" }
            guard known else { throw .unsupportedQueryMethod(methods) }
        }
    }

    /// The ARC instance number `i=` (RFC 8617 §4.2.1: 1 to 50).
    static func instance(_ tags: DKIMTagList) throws(DKIMSignatureError) -> Int {
        guard let value = tags["i"] else { throw .missingTag("i") }
        guard value.count <= 2, value.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(value),
              (1...ARCLimits.maximumInstances).contains(number) else { throw .invalidInstance(value) }
        return number
    }

    /// `d=` and `s=`, both required and both dot-separated labels.
    static func domainAndSelector(_ tags: DKIMTagList) throws(DKIMSignatureError) -> (domain: String, selector: String) {
        guard let domain = tags["d"] else { throw .missingTag("d") }
        guard isDomainName(domain) else { throw .invalidDomain(domain) }
        guard let selector = tags["s"] else { throw .missingTag("s") }
        guard isDomainName(selector) else { throw .invalidSelector(selector) }
        return (domain, selector)
    }

    /// A base64 tag, decoded, and its text without whitespace.
    static func base64(_ tags: DKIMTagList, _ name: String) throws(DKIMSignatureError) -> ([UInt8], String) {
        guard let value = tags[name] else { throw .missingTag(name) }
        let text = DKIMTagList.withoutWhitespace(value)
        guard !text.isEmpty, let decoded = Base64.decodeStrict(Array(text.utf8)) else { throw .invalidBase64(tag: name) }
        return (decoded, text)
    }

    /// A time tag: seconds since 1970, at most 12 digits (§3.5 allows values up to 40 bits).
    static func time(_ tags: DKIMTagList, _ name: String) throws(DKIMSignatureError) -> Int64? {
        guard let value = tags[name] else { return nil }
        guard !value.isEmpty, value.count <= 12, value.allSatisfy({ $0.isASCII && $0.isNumber }),
              let seconds = Int64(value) else { throw .invalidTime(tag: name, value: value) }
        return seconds
    }

    /// Letters, digits, hyphens and underscores in dot-separated non-empty labels.
    static func isDomainName(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63
                && label.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
        }
    }

    /// Whether `subdomain` is `domain` or a name below it (case-insensitive).
    static func isWithin(_ subdomain: String, domain: String) -> Bool {
        let candidate = subdomain.lowercased(), parent = domain.lowercased()
        return candidate == parent || candidate.hasSuffix("." + parent)
    }
}

/// The limits of ARC (RFC 8617).
enum ARCLimits {
    /// §4.2.1: instance numbers run from 1 to 50.
    static let maximumInstances = 50
}
