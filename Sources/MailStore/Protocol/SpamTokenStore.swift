/// The Bayesian spam classifier's memory: token tallies per account and globally
/// (``AccountID/globalSpamCorpus``), with the messages each was trained on.
public protocol SpamTokenStore: Sendable {
    /// The counts of `tokens` in the corpora of `accounts` (the global corpus is asked for
    /// like any other), read in one transaction. Every asked-for corpus is in the answer,
    /// empty when it was never trained.
    func spamTokenCounts(of tokens: [String], in accounts: [AccountID]) async throws(MailStoreError) -> [AccountID: SpamCorpusCounts]

    /// Trains the corpus of `account` and the global one with a message's `tokens` as
    /// `kind`, in one commit. The message is known by `fingerprint`: one trained before as
    /// the other kind is untrained from both first; one trained before as `kind` is left as
    /// it is (returns false). Returns whether anything changed.
    @discardableResult
    func trainSpamClassifier(with tokens: [String], as kind: SpamClass, account: AccountID,
                             fingerprint: String) async throws(MailStoreError) -> Bool
}
