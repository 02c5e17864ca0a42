import Testing
import MailStore
@testable import AbuseDefense

@Suite struct SpamAssessmentTests {
    let alice = AccountID(rawValue: 1)
    let bob = AccountID(rawValue: 2)

    @Test func headerFieldsShowTheVerdictScoreAndTests() {
        let score = SpamScore(hits: [SpamRuleHit("MISSING_DATE", 1.2), SpamRuleHit("BAYES_99", 4.0),
                                     SpamRuleHit("SPF_PASS", -0.5)])
        let text = String(decoding: score.headerFields(junkThreshold: 5), as: UTF8.self)
        #expect(text == "X-Spam-Status: No, score=4.7 required=5.0 tests=BAYES_99,MISSING_DATE,\r\n\tSPF_PASS\r\n"
                + "X-Spam-Score: 4.7\r\n")
        #expect(SpamScore.format(-0.25) == "-0.3")
        #expect(SpamScore.format(15) == "15.0")
        let long = SpamScore(hits: (0..<20).map { SpamRuleHit("SOME_LONG_RULE_NAME_\($0)", 1) })
        let folded = String(decoding: long.headerFields(junkThreshold: 5), as: UTF8.self)
        #expect(folded.hasPrefix("X-Spam-Status: Yes, score=20.0"))
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
    }

    @Test func eachAccountIsJudgedWithItsOwnCorpusOnceTrained() {
        let spamCorpus = SpamCorpusCounts(spamMessages: 20, hamMessages: 20, tokens: ["prize": SpamTokenTally(spam: 20, ham: 0)])
        let hamCorpus = SpamCorpusCounts(spamMessages: 20, hamMessages: 20, tokens: ["prize": SpamTokenTally(spam: 0, ham: 20)])
        let rules = [SpamRuleHit("MISSING_DATE", 1.2), SpamRuleHit("SUBJECT_ALL_CAPS", 1.5)]
        let assessment = SpamAssessment(
            ruleHits: rules, tokens: ["prize"],
            counts: [.globalSpamCorpus: spamCorpus, alice: hamCorpus, bob: SpamCorpusCounts(spamMessages: 1)],
            accounts: [alice, bob], classifier: BayesClassifier(minimumTrainingMessages: 10))
        #expect(assessment.global.hits.contains { $0.name.hasPrefix("BAYES_9") })
        // Bob's corpus is too small: the global verdict. Alice taught hers that "prize" is wanted.
        #expect(assessment.perAccount[bob] == assessment.global)
        #expect((assessment.perAccount[alice]?.total ?? 99) < 2.7)
        #expect(assessment.junkAccounts(threshold: 5) == [bob])
        #expect(!assessment.isRefused(threshold: 5.5))
        let everyone = SpamAssessment(ruleHits: rules, tokens: ["prize"], counts: [.globalSpamCorpus: spamCorpus],
                                      accounts: [alice, bob], classifier: BayesClassifier(minimumTrainingMessages: 10))
        #expect(everyone.isRefused(threshold: 5.5))
        let rulesOnly = SpamAssessment(ruleHits: rules, tokens: ["prize"], counts: [.globalSpamCorpus: spamCorpus],
                                       accounts: [alice], classifier: nil)
        #expect(abs(rulesOnly.global.total - 2.7) < 1e-9)
    }
}
