import MailStore

/// The spam filter's verdict on one message for each of its accounts: the rules (the same
/// for all) plus the Bayesian classifier of the account's own corpus when it is trained
/// enough, else of the global corpus.
public struct SpamAssessment: Sendable {
    /// The score with the global corpus (what the message's header fields show).
    public let global: SpamScore
    /// The score for each account.
    public let perAccount: [AccountID: SpamScore]

    /// Scores a message whose rules matched `ruleHits` and whose `tokens` have `counts`
    /// (from ``SpamTokenStore/spamTokenCounts(of:in:)``, global corpus included); without a
    /// classifier, by the rules alone.
    public init(ruleHits: [SpamRuleHit], tokens: [String], counts: [AccountID: SpamCorpusCounts],
                accounts: [AccountID], classifier: BayesClassifier?) {
        func bayes(_ corpus: SpamCorpusCounts?) -> SpamRuleHit? {
            guard let classifier, let corpus, let probability = classifier.spamProbability(of: tokens, in: corpus) else {
                return nil
            }
            return BayesRule.hit(forProbability: probability)
        }
        let globalBayes = bayes(counts[.globalSpamCorpus])
        global = SpamScore(hits: ruleHits + (globalBayes.map { [$0] } ?? []))
        var perAccount: [AccountID: SpamScore] = [:]
        for account in accounts {
            let own = counts[account].flatMap { corpus in classifier?.isTrained(corpus) == true ? corpus : nil }
            perAccount[account] = own.map { SpamScore(hits: ruleHits + (bayes($0).map { [$0] } ?? [])) } ?? global
        }
        self.perAccount = perAccount
    }

    /// The accounts for which the message is junk.
    public func junkAccounts(threshold: Double) -> Set<AccountID> {
        Set(perAccount.filter { $0.value.total >= threshold }.keys)
    }

    /// Whether the message is to be refused: it reaches `threshold` for every account.
    public func isRefused(threshold: Double) -> Bool {
        !perAccount.isEmpty && perAccount.values.allSatisfy { $0.total >= threshold }
    }
}
