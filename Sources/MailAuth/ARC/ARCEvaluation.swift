/// What an ARC verifier concluded about a message's chain.
public struct ARCEvaluation: Sendable, Hashable {
    /// The chain result.
    public let result: ARCChainResult
    /// How many ARC sets the message has (the highest instance), 0 with none.
    public let instanceCount: Int
    /// Why the chain failed; nil unless ``result`` is fail.
    public let failure: String?
    /// With a passing chain, the lowest instance from which every ARC-Message-Signature up to
    /// the newest still verifies (RFC 8617 §5.2 "oldest-pass"; 1 when all do); nil otherwise.
    public let oldestPassingInstance: Int?

    public init(result: ARCChainResult, instanceCount: Int, failure: String?, oldestPassingInstance: Int?) {
        self.result = result
        self.instanceCount = instanceCount
        self.failure = failure
        self.oldestPassingInstance = oldestPassingInstance
    }

    static func failed(_ reason: String, instanceCount: Int) -> ARCEvaluation {
        ARCEvaluation(result: .fail, instanceCount: instanceCount, failure: reason, oldestPassingInstance: nil)
    }
}
