import MailCore

/// A DKIM key record, the TXT record at `selector._domainkey.domain` (RFC 6376 §3.6.1).
struct DKIMKeyRecord: Sendable, Hashable {
    /// `k=` (rsa when absent).
    let keyType: DKIMKeyType
    /// `p=`, decoded; empty when the key has been revoked.
    let publicKeyData: [UInt8]
    /// `h=`: the hash algorithms the key may be used with; nil when any.
    let acceptableHashAlgorithms: Set<DKIMHashAlgorithm>?
    /// `t=y`: the domain is testing DKIM.
    let isTesting: Bool
    /// `t=s`: the domain of `i=` must be `d=` itself, not a subdomain.
    let isStrict: Bool

    var isRevoked: Bool { publicKeyData.isEmpty }

    init(parsing text: [UInt8]) throws(DKIMKeyRecordError) {
        let tags: DKIMTagList
        do { tags = try DKIMTagList(parsing: text) } catch { throw .malformedTagList(error.description) }
        if let version = tags["v"] {
            // "DKIM1", and when present the first tag.
            guard version == "DKIM1", tags.tags.first?.name == "v" else { throw .unsupportedVersion(version) }
        }
        if let type = tags["k"] {
            guard let keyType = DKIMKeyType(rawValue: type.lowercased()) else { throw .unknownKeyType(type) }
            self.keyType = keyType
        } else {
            keyType = .rsa
        }
        guard let key = tags["p"] else { throw .missingPublicKey }
        let keyText = DKIMTagList.withoutWhitespace(key)
        if keyText.isEmpty {
            publicKeyData = []
        } else {
            guard let decoded = Base64.decodeStrict(Array(keyText.utf8)) else { throw .invalidBase64 }
            publicKeyData = decoded
        }
        if let hashes = tags["h"] {
            acceptableHashAlgorithms = Set(DKIMTagList.colonSeparated(hashes).compactMap { DKIMHashAlgorithm(rawValue: $0.lowercased()) })
        } else {
            acceptableHashAlgorithms = nil
        }
        if let services = tags["s"] {
            let list = DKIMTagList.colonSeparated(services).map { $0.lowercased() }
            guard list.contains("*") || list.contains("email") else { throw .notForEmail(services) }
        }
        let flags = tags["t"].map { DKIMTagList.colonSeparated($0).map { $0.lowercased() } } ?? []
        isTesting = flags.contains("y")
        isStrict = flags.contains("s")
    }
}

/// Why a key record cannot be used.
enum DKIMKeyRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformedTagList(String)
    case unsupportedVersion(String)
    case unknownKeyType(String)
    case missingPublicKey
    case invalidBase64
    case notForEmail(String)

    var description: String {
        switch self {
        case .malformedTagList(let detail): "malformed key record: \(detail)"
        case .unsupportedVersion(let version): "key record version v=\(version) is not DKIM1 first"
        case .unknownKeyType(let type): "unknown key type k=\(type)"
        case .missingPublicKey: "key record has no p= tag"
        case .invalidBase64: "key record p= is not valid base64"
        case .notForEmail(let services): "key record s=\(services) does not cover email"
        }
    }
}
