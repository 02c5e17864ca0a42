/// Body hashes already computed for a message, so signatures with the same body
/// canonicalization, hash and length share one pass over the body.
struct DKIMBodyHashCache {
    private struct Key: Hashable {
        let canonicalization: DKIMCanonicalization
        let hashAlgorithm: DKIMHashAlgorithm
        let lengthLimit: Int?
    }

    private var results = [Key: DKIMBodyHasher.Result]()

    /// The hash of `body`, computed once per canonicalization, hash and limit.
    mutating func result(body: ArraySlice<UInt8>, canonicalization: DKIMCanonicalization,
                         hashAlgorithm: DKIMHashAlgorithm, lengthLimit: Int?) -> DKIMBodyHasher.Result {
        let key = Key(canonicalization: canonicalization, hashAlgorithm: hashAlgorithm, lengthLimit: lengthLimit)
        if let known = results[key] { return known }
        var hasher = DKIMBodyHasher(canonicalization: canonicalization, hashAlgorithm: hashAlgorithm, lengthLimit: lengthLimit)
        hasher.update(body)
        let result = hasher.finalize()
        results[key] = result
        return result
    }
}
