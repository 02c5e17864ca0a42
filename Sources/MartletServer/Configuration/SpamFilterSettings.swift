/// The `[spam]` table of the configuration file: the spam filter applied to mail from
/// other servers (listener `smtp`) whose client is outside `[mail_auth] trusted_networks`.
public struct SpamFilterSettings: Sendable, Equatable {
    /// The keys the `[spam]` table accepts.
    static let configurationKeys: Set<String> = [
        "enabled", "junk_threshold", "reject_threshold", "bayes", "min_training_messages",
    ]

    /// Whether messages are scored at all (`enabled`, default true).
    public var enabled = true
    /// From this score on, a message goes into the recipient's Junk (`junk_threshold`, 5.0).
    public var junkThreshold = 5.0
    /// From this score on, a message is refused with 550 5.7.1 (`reject_threshold`, 15.0).
    public var rejectThreshold = 15.0
    /// Whether the Bayesian classifier scores and is trained from IMAP moves (`bayes`, true).
    public var usesBayes = true
    /// The classifier counts once a corpus holds this many spam and this many ham messages
    /// (`min_training_messages`, 10).
    public var minimumTrainingMessages = 10

    public init() {}
}
