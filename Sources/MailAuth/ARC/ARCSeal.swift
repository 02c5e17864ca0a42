/// The tags of an ARC-Seal field (RFC 8617 §4.1.3), checked and decoded.
struct ARCSeal: Sendable {
    /// The chain validation status the sealer saw (`cv=`).
    enum ChainValidation: String, Sendable {
        case none, pass, fail
    }

    let instance: Int
    let chainValidation: ChainValidation
    let algorithm: DKIMAlgorithm
    let signature: [UInt8]
    let domain: String
    let selector: String
    let timestamp: Int64?

    init(tags: DKIMTagList) throws(DKIMSignatureError) {
        instance = try DKIMSignature.instance(tags)
        guard let validation = tags["cv"] else { throw .missingTag("cv") }
        guard let chainValidation = ChainValidation(rawValue: validation.lowercased()) else {
            throw .invalidChainValidation(validation)
        }
        self.chainValidation = chainValidation
        // §4.1.3: the seal covers the ARC sets only; a list of header fields is an error.
        guard tags["h"] == nil else { throw .forbiddenTag("h") }
        guard let algorithmName = tags["a"] else { throw .missingTag("a") }
        guard let algorithm = DKIMAlgorithm(rawValue: algorithmName.lowercased()) else {
            throw .unknownAlgorithm(algorithmName)
        }
        self.algorithm = algorithm
        (signature, _) = try DKIMSignature.base64(tags, "b")
        (domain, selector) = try DKIMSignature.domainAndSelector(tags)
        timestamp = try DKIMSignature.time(tags, "t")
    }
}
