import AbuseDefense
import DNSResolver
import Delivery
import Foundation
import Logging
import MailAuth
import MailCore
import MailStore
import SMTPProtocol

/// The spam filter: scores mail from other servers (the `smtp` listener) whose client is
/// outside the trusted networks by its sender authentication results (our own
/// Authentication-Results field), the DNS block lists that list the client, the header and
/// body rules, and the Bayesian classifier of each recipient (or the global one). Adds
/// `X-Spam-Status:` and `X-Spam-Score:` (the global verdict), files the message in Junk
/// for the recipients it is junk for, and refuses it when it reaches the reject threshold
/// for all of them.
struct SpamContentFilter: ContentFilter {
    let store: any SpamTokenStore
    let settings: SpamFilterSettings
    let trustedNetworks: [IPNetwork]
    /// The authserv-id of our Authentication-Results fields.
    let authservID: String
    let rules: SpamRules
    let classifier: BayesClassifier?
    let parserLimits: MessageParserLimits
    let logger: Logger
    let tokenizer = SpamTokenizer()

    func examine(_ message: FilteredMessage) async -> ContentFilterVerdict {
        guard applies(to: message.envelope), let bytes = message.content.wholeOctets else { return .acceptUnchanged }
        let inspection = SpamInspection(message: bytes, limits: parserLimits)
        let hits = rules.hits(inspection, results: authenticationResults(in: inspection.parsed.header),
                              blockListings: message.blockListings)
        let accounts = message.accounts.map(\.account)
        var tokens: [String] = []
        var counts: [AccountID: SpamCorpusCounts] = [:]
        if classifier != nil {
            tokens = tokenizer.tokens(of: inspection)
            do {
                counts = try await store.spamTokenCounts(of: tokens, in: [.globalSpamCorpus] + accounts)
            } catch {
                logger.warning("spam filter: token counts unavailable, scoring by rules alone",
                               metadata: ["error": "\(error)"])
            }
        }
        let assessment = SpamAssessment(ruleHits: hits, tokens: tokens, counts: counts, accounts: accounts,
                                        classifier: classifier)
        let score = SpamScore.format(assessment.global.total)
        let tests = assessment.global.hits.map(\.name).joined(separator: ",")
        if assessment.isRefused(threshold: settings.rejectThreshold) {
            logger.info("spam refused", metadata: ["score": "\(score)", "tests": "\(tests)",
                                                   "client": "\(message.envelope.remoteAddress)"])
            return .reject(SMTPReply(550, SMTPEnhancedStatusCode(5, 7, 1),
                                     "Message refused as spam (score \(score), limit \(SpamScore.format(settings.rejectThreshold)))"))
        }
        let junk = assessment.junkAccounts(threshold: settings.junkThreshold)
        logger.debug("spam scored", metadata: ["score": "\(score)", "tests": "\(tests)", "junk": "\(junk.count)"])
        return .accept(addedFields: assessment.global.headerFields(junkThreshold: settings.junkThreshold), junkAccounts: junk)
    }

    /// Mail from other servers, from clients outside the trusted networks; submission is not scored.
    private func applies(to envelope: SMTPEnvelope) -> Bool {
        guard envelope.listenerKind == .mx, envelope.authenticatedIdentity == nil else { return false }
        guard let client = IPAddress(envelope.remoteAddress) else { return true }
        return !trustedNetworks.containsAddress(client)
    }

    /// The results of our own Authentication-Results field (the first with our authserv-id;
    /// sender authentication removed any forged one).
    private func authenticationResults(in header: MessageHeader) -> SenderAuthenticationResults {
        for field in header.fields(named: AuthenticationResultsField.name).prefix(20) {
            guard let value = AuthenticationResultsValue.parse(header.rawValue(of: field)),
                  value.authservID.lowercased() == authservID.lowercased() else { continue }
            return SenderAuthenticationResults(spf: value.results(of: "spf").first?.result,
                                               dkim: value.results(of: "dkim").map(\.result),
                                               dmarc: value.results(of: "dmarc").first?.result)
        }
        return SenderAuthenticationResults()
    }
}
