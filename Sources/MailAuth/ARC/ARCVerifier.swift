import DNSResolver
import Foundation

/// Verifies a message's ARC chain (RFC 8617 §5.2): its structure, the newest
/// ARC-Message-Signature, and every ARC-Seal.
public struct ARCVerifier: Sendable {
    private let check: DKIMSignatureCheck
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - resolver: where key records are looked up.
    ///   - now: the clock the signatures' times are compared with.
    ///   - minimumRSAKeyBits: shorter RSA keys are refused (RFC 8301 §3.2).
    public init(resolver: any DNSResolving, now: @escaping @Sendable () -> Date = Date.init, minimumRSAKeyBits: Int = 1024) {
        check = DKIMSignatureCheck(keyLookup: DKIMKeyLookup(resolver: resolver), minimumRSAKeyBits: minimumRSAKeyBits)
        self.now = now
    }

    /// The chain's result: none without ARC fields, pass when every check succeeds, fail
    /// otherwise (with the reason).
    public func verify(message: [UInt8]) async -> ARCEvaluation {
        let parsed = RawMessage(message)
        let arcSets: ARCSets
        do { arcSets = try ARCSets(parsed) } catch {
            return .failed(error.description, instanceCount: 0)
        }
        let sets = arcSets.sets
        guard !sets.isEmpty else {
            return ARCEvaluation(result: .none, instanceCount: 0, failure: nil, oldestPassingInstance: nil)
        }
        let count = sets.count
        var seals = [ARCSeal]()
        for set in sets {
            do {
                seals.append(try ARCSeal(tags: DKIMTagList(parsing: parsed.bytes[set.seal.valueStart..<set.seal.range.upperBound])))
            } catch {
                return .failed("ARC-Seal i=\(seals.count + 1): \(error)", instanceCount: count)
            }
        }
        // §5.2 step 2 and §4.1.3: cv=none only at instance 1, pass above; any fail ends the chain.
        for seal in seals {
            if seal.chainValidation == .fail { return .failed("ARC-Seal i=\(seal.instance) says cv=fail", instanceCount: count) }
            let expected: ARCSeal.ChainValidation = seal.instance == 1 ? .none : .pass
            guard seal.chainValidation == expected else {
                return .failed("ARC-Seal i=\(seal.instance) has cv=\(seal.chainValidation.rawValue), not \(expected.rawValue)",
                               instanceCount: count)
            }
        }
        let time = now()
        var bodyHashes = DKIMBodyHashCache()
        // §5.2 step 3: the newest ARC-Message-Signature must verify.
        if let failure = await messageSignatureFailure(sets[count - 1], in: parsed, at: time, bodyHashes: &bodyHashes) {
            return .failed("ARC-Message-Signature i=\(count): \(failure)", instanceCount: count)
        }
        // §5.2 step 5: every seal must verify.
        for (index, seal) in seals.enumerated().reversed() {
            if let failure = await sealFailure(seal, sets: sets, index: index, in: parsed) {
                return .failed("ARC-Seal i=\(seal.instance): \(failure)", instanceCount: count)
            }
        }
        // §5.2 step 4: how far back the message signatures still verify.
        var oldestPassing = count
        while oldestPassing > 1,
              await messageSignatureFailure(sets[oldestPassing - 2], in: parsed, at: time, bodyHashes: &bodyHashes) == nil {
            oldestPassing -= 1
        }
        return ARCEvaluation(result: .pass, instanceCount: count, failure: nil, oldestPassingInstance: oldestPassing)
    }

    /// Why the ARC-Message-Signature of `set` does not verify; nil when it does.
    private func messageSignatureFailure(_ set: ARCSets.Set, in message: RawMessage, at time: Date,
                                         bodyHashes: inout DKIMBodyHashCache) async -> String? {
        let field = set.messageSignature
        let signature: DKIMSignature
        do {
            let tags = try DKIMTagList(parsing: message.bytes[field.valueStart..<field.range.upperBound])
            signature = try DKIMSignature(tags: tags, kind: .arcMessageSignature)
        } catch {
            return "\(error)"
        }
        let outcome = await check.check(signature, field: field, message: message, now: time, bodyHashes: &bodyHashes)
        return outcome.failure.map(\.description)
    }

    /// Why the seal at `index` does not verify; nil when it does.
    private func sealFailure(_ seal: ARCSeal, sets: [ARCSets.Set], index: Int, in message: RawMessage) async -> String? {
        let key: DKIMPublicKey
        do {
            (key, _) = try await check.publicKey(selector: seal.selector, domain: seal.domain, algorithm: seal.algorithm,
                                                  identity: "@" + seal.domain)
        } catch {
            return error.description
        }
        let set = sets[index]
        let data = ARCSealHashInput.data(
            earlierSets: sets[0..<index].map { ARCSealHashInput.fields(of: $0, in: message) },
            authenticationResults: message.bytes(of: set.authenticationResults),
            messageSignature: message.bytes(of: set.messageSignature),
            unsignedSeal: ArraySlice(DKIMHeaderHashInput.withoutSignatureValue(message.bytes(of: set.seal))))
        guard key.isValidSignature(seal.signature, headerData: data, hashAlgorithm: seal.algorithm.hashAlgorithm) else {
            return DKIMFailureReason.signatureMismatch.description
        }
        return nil
    }
}
