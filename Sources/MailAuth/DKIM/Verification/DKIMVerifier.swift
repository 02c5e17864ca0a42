import DNSResolver
import Foundation

/// Verifies the DKIM signatures of a message (RFC 6376 §6, RFC 8463, RFC 8301), reaching
/// the DNS only through its resolver.
public struct DKIMVerifier: Sendable {
    private let check: DKIMSignatureCheck
    private let now: @Sendable () -> Date
    private let maximumSignatures: Int

    /// - Parameters:
    ///   - resolver: where key records are looked up.
    ///   - now: the clock `t=` and `x=` are compared with.
    ///   - minimumRSAKeyBits: shorter RSA keys are refused (RFC 8301 §3.2: at least 1024).
    ///   - maximumSignatures: how many signatures, from the top, are verified and reported;
    ///     the rest are ignored, so a message cannot make the verifier do unbounded work.
    public init(resolver: any DNSResolving, now: @escaping @Sendable () -> Date = Date.init,
                minimumRSAKeyBits: Int = 1024, maximumSignatures: Int = 10) {
        check = DKIMSignatureCheck(keyLookup: DKIMKeyLookup(resolver: resolver), minimumRSAKeyBits: minimumRSAKeyBits)
        self.now = now
        self.maximumSignatures = max(0, maximumSignatures)
    }

    /// One verification per DKIM-Signature field, top to bottom (at most `maximumSignatures`);
    /// empty when the message has none.
    public func verify(message: [UInt8]) async -> [DKIMSignatureVerification] {
        let parsed = RawMessage(message)
        let fields = parsed.fields.lazy.filter { $0.lowercasedName == "dkim-signature" }.prefix(maximumSignatures)
        let time = now()
        var bodyHashes = DKIMBodyHashCache()
        var verifications = [(DKIMSignatureVerification, signatureText: String)]()
        for field in fields {
            verifications.append(await verify(field, in: parsed, at: time, bodyHashes: &bodyHashes))
        }
        let prefixes = DKIMSignaturePrefix.shortestDistinct(verifications.map(\.signatureText))
        return zip(verifications, prefixes).map { entry, prefix in
            let verification = entry.0
            return DKIMSignatureVerification(
                result: verification.result, domain: verification.domain, selector: verification.selector,
                algorithm: verification.algorithm, identity: verification.identity, headerSignaturePrefix: prefix,
                bodyLengthLimited: verification.bodyLengthLimited, keyIsTesting: verification.keyIsTesting,
                failure: verification.failure)
        }
    }

    private func verify(_ field: RawHeaderField, in message: RawMessage, at time: Date,
                        bodyHashes: inout DKIMBodyHashCache) async -> (DKIMSignatureVerification, signatureText: String) {
        let tags: DKIMTagList
        do {
            tags = try DKIMTagList(parsing: message.bytes[field.valueStart..<field.range.upperBound])
        } catch {
            return (Self.report(tags: nil, failure: .malformedSignature(.malformedTagList(error.description))), "")
        }
        let signatureText = tags["b"].map(DKIMTagList.withoutWhitespace) ?? ""
        let signature: DKIMSignature
        do {
            signature = try DKIMSignature(tags: tags, kind: .dkimSignature)
        } catch {
            return (Self.report(tags: tags, failure: .malformedSignature(error)), signatureText)
        }
        let outcome = await check.check(signature, field: field, message: message, now: time, bodyHashes: &bodyHashes)
        let verification = DKIMSignatureVerification(
            result: outcome.failure?.result ?? .pass, domain: signature.domain, selector: signature.selector,
            algorithm: signature.algorithm.rawValue, identity: signature.identity, headerSignaturePrefix: "",
            bodyLengthLimited: outcome.bodyLengthLimited, keyIsTesting: outcome.keyIsTesting, failure: outcome.failure)
        return (verification, signatureText)
    }

    /// The report for a signature that could not be read, with what its tags do say.
    private static func report(tags: DKIMTagList?, failure: DKIMFailureReason) -> DKIMSignatureVerification {
        DKIMSignatureVerification(
            result: failure.result, domain: tags?["d"] ?? "", selector: tags?["s"] ?? "", algorithm: tags?["a"] ?? "",
            identity: tags?["i"], headerSignaturePrefix: "", bodyLengthLimited: false, keyIsTesting: false,
            failure: failure)
    }
}
