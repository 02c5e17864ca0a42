/// The classifier's indicator as a rule hit, in bands: strongly ham subtracts points,
/// strongly spam adds them, the undecided middle adds none.
enum BayesRule {
    static func hit(forProbability probability: Double) -> SpamRuleHit {
        switch probability {
        case ..<0.01: SpamRuleHit("BAYES_00", -2.0)
        case ..<0.2: SpamRuleHit("BAYES_05", -0.5)
        case ..<0.8: SpamRuleHit("BAYES_50", 0)
        case ..<0.95: SpamRuleHit("BAYES_80", 2.0)
        case ..<0.99: SpamRuleHit("BAYES_95", 3.0)
        default: SpamRuleHit("BAYES_99", 4.0)
        }
    }
}
