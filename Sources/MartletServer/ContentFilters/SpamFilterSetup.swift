import AbuseDefense
import Delivery
import Logging
import MailCore
import MailStore

/// The spam filter of `[spam]`, or nil when it is off.
enum SpamFilterSetup {
    static func filter(configuration: ServerConfiguration, store: SQLiteMailStore, logger: Logger) -> (any ContentFilter)? {
        let settings = configuration.spamFilter
        guard settings.enabled else { return nil }
        return SpamContentFilter(
            store: store, settings: settings, trustedNetworks: configuration.senderAuthentication.trustedNetworks,
            authservID: configuration.senderAuthentication.authservID ?? configuration.hostname,
            rules: SpamRules(hostname: configuration.hostname),
            classifier: classifier(configuration), parserLimits: MessageParserLimits(configuration.limits), logger: logger)
    }

    /// The Bayesian classifier, or nil when `[spam] bayes` is off (or the filter is).
    static func classifier(_ configuration: ServerConfiguration) -> BayesClassifier? {
        let settings = configuration.spamFilter
        guard settings.enabled, settings.usesBayes else { return nil }
        return BayesClassifier(minimumTrainingMessages: settings.minimumTrainingMessages)
    }

    /// The training of the classifier from IMAP moves into and out of Junk, or nil when the
    /// classifier is off.
    static func junkTraining(configuration: ServerConfiguration, store: any MailStore, logger: Logger) -> JunkTraining? {
        guard classifier(configuration) != nil else { return nil }
        return JunkTraining(store: store, parserLimits: MessageParserLimits(configuration.limits), logger: logger)
    }
}
