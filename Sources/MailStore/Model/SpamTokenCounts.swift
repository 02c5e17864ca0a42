/// Which way a message trains the Bayesian spam classifier.
public enum SpamClass: Int, Sendable, Hashable {
    /// Unwanted mail (moved into Junk).
    case spam = 1
    /// Wanted mail (moved out of Junk).
    case ham = 0
}

/// How often one token was seen in the spam and in the ham messages of a corpus.
public struct SpamTokenTally: Sendable, Hashable {
    /// Spam messages that contained the token.
    public var spam: Int
    /// Ham messages that contained the token.
    public var ham: Int

    public init(spam: Int, ham: Int) {
        self.spam = spam
        self.ham = ham
    }
}

/// What one training corpus (an account's, or the global one) knows about a message's
/// tokens: how many messages it was trained with, and the tallies of those tokens it has seen.
public struct SpamCorpusCounts: Sendable, Hashable {
    /// Messages trained as spam.
    public var spamMessages: Int
    /// Messages trained as ham.
    public var hamMessages: Int
    /// The tallies of the asked-for tokens the corpus has seen (absent: never seen).
    public var tokens: [String: SpamTokenTally]

    public init(spamMessages: Int = 0, hamMessages: Int = 0, tokens: [String: SpamTokenTally] = [:]) {
        self.spamMessages = spamMessages
        self.hamMessages = hamMessages
        self.tokens = tokens
    }
}

extension AccountID {
    /// The corpus every account's training also goes into (no account has this identifier).
    public static let globalSpamCorpus = AccountID(rawValue: 0)
}
