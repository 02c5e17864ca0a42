import DNSResolver
import Foundation

/// Verifies one parsed signature (DKIM-Signature or ARC-Message-Signature) of a message:
/// the steps of RFC 6376 §6.1.1 to §6.1.3 after the field has been read.
struct DKIMSignatureCheck: Sendable {
    /// What the check found.
    struct Outcome: Sendable {
        var failure: DKIMFailureReason?
        var bodyLengthLimited = false
        var keyIsTesting = false
    }

    /// How far in the future `t=` may be before the signature is refused (clocks differ).
    static let allowedClockSkew: TimeInterval = 300

    let keyLookup: DKIMKeyLookup
    let minimumRSAKeyBits: Int

    func check(_ signature: DKIMSignature, field: RawHeaderField, message: RawMessage, now: Date,
               bodyHashes: inout DKIMBodyHashCache) async -> Outcome {
        var outcome = Outcome()
        if let expiration = signature.expiration, Double(expiration) < now.timeIntervalSince1970 {
            outcome.failure = .signatureExpired(expiration: Date(timeIntervalSince1970: Double(expiration)))
            return outcome
        }
        if let timestamp = signature.timestamp, Double(timestamp) > now.timeIntervalSince1970 + Self.allowedClockSkew {
            outcome.failure = .signatureTimestampInFuture(timestamp: Date(timeIntervalSince1970: Double(timestamp)))
            return outcome
        }
        let key: DKIMPublicKey
        do {
            (key, outcome.keyIsTesting) = try await publicKey(selector: signature.selector, domain: signature.domain,
                                                              algorithm: signature.algorithm, identity: signature.identity)
        } catch {
            outcome.failure = error
            return outcome
        }
        let body = bodyHashes.result(body: message.body, canonicalization: signature.canonicalization.body,
                                     hashAlgorithm: signature.algorithm.hashAlgorithm,
                                     lengthLimit: signature.bodyLengthLimit)
        if let limit = signature.bodyLengthLimit {
            guard limit <= body.canonicalLength else {
                outcome.failure = .bodyShorterThanLengthLimit(limit: limit, bodyLength: body.canonicalLength)
                return outcome
            }
            outcome.bodyLengthLimited = body.canonicalLength > limit
        }
        guard body.digest == signature.bodyHash else {
            outcome.failure = .bodyHashMismatch
            return outcome
        }
        let headerData = DKIMHeaderHashInput.data(message: message, signedFields: signature.signedFields,
                                                  canonicalization: signature.canonicalization.header,
                                                  signatureField: field)
        guard key.isValidSignature(signature.signature, headerData: headerData,
                                   hashAlgorithm: signature.algorithm.hashAlgorithm) else {
            outcome.failure = .signatureMismatch
            return outcome
        }
        if signature.algorithm == .rsaSHA1 { outcome.failure = .weakAlgorithm(.rsaSHA1) }
        return outcome
    }

    /// The key of `selector` and `domain` when its record allows a signature with
    /// `algorithm` and `identity` (RFC 6376 §6.1.2), and whether the record says `t=y`.
    func publicKey(selector: String, domain: String, algorithm: DKIMAlgorithm,
                   identity: String) async throws(DKIMFailureReason) -> (DKIMPublicKey, isTesting: Bool) {
        let record = try await keyLookup.record(selector: selector, domain: domain)
        guard !record.isRevoked else { throw .keyRevoked }
        guard record.keyType == algorithm.keyType else {
            throw .keyTypeMismatch(signature: algorithm.keyType, key: record.keyType)
        }
        if let allowed = record.acceptableHashAlgorithms, !allowed.contains(algorithm.hashAlgorithm) {
            throw .hashNotAllowedByKey(algorithm.hashAlgorithm)
        }
        if record.isStrict {
            let identityDomain = identity.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            guard identityDomain.lowercased() == domain.lowercased() else {
                throw .identityNotAllowedByStrictKey(identity: identity, domain: domain)
            }
        }
        return (try DKIMPublicKey(record: record, minimumRSAKeyBits: minimumRSAKeyBits), record.isTesting)
    }
}
