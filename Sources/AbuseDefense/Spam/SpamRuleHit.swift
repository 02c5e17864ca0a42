/// One rule that matched a message, with the points it adds to the score (negative for
/// signs of legitimate mail).
public struct SpamRuleHit: Sendable, Hashable {
    /// The rule's name as `X-Spam-Status` lists it (`MISSING_DATE`, `BAYES_99`, ...).
    public var name: String
    /// The points it adds.
    public var score: Double

    public init(_ name: String, _ score: Double) {
        self.name = name
        self.score = score
    }
}
