import Testing
import MailStore
@testable import AbuseDefense

@Suite struct BayesClassifierTests {
    @Test func chiSquareSurvivalMatchesKnownValues() {
        // P(X ≥ 2) with 2 degrees of freedom is e^-1; with 4, e^-1 (1 + 1).
        #expect(abs(BayesClassifier.chiSquareSurvival(2, degrees: 2) - 0.36787944) < 1e-6)
        #expect(abs(BayesClassifier.chiSquareSurvival(2, degrees: 4) - 0.73575888) < 1e-6)
        #expect(BayesClassifier.chiSquareSurvival(0, degrees: 10) == 1)
        #expect(BayesClassifier.chiSquareSurvival(5_000, degrees: 300) < 1e-100)
    }

    @Test func tokenProbabilityLeansTowardsTheEvidenceAsItGrows() {
        let classifier = BayesClassifier()
        let corpus = SpamCorpusCounts(spamMessages: 100, hamMessages: 100)
        let once = classifier.tokenProbability(SpamTokenTally(spam: 1, ham: 0), in: corpus) ?? 0
        let often = classifier.tokenProbability(SpamTokenTally(spam: 50, ham: 0), in: corpus) ?? 0
        let balanced = classifier.tokenProbability(SpamTokenTally(spam: 20, ham: 20), in: corpus) ?? 0
        // One spam message: (0.45 × 0.5 + 1 × 1) / (0.45 + 1).
        #expect(abs(once - 0.8448) < 1e-3)
        #expect(often > 0.99)
        #expect(abs(balanced - 0.5) < 1e-9)
        #expect(classifier.tokenProbability(SpamTokenTally(spam: 0, ham: 0), in: corpus) == nil)
    }

    @Test func anUntrainedCorpusGivesNoAnswer() {
        let classifier = BayesClassifier(minimumTrainingMessages: 5)
        let corpus = SpamCorpusCounts(spamMessages: 5, hamMessages: 4, tokens: ["cash": SpamTokenTally(spam: 5, ham: 0)])
        #expect(classifier.spamProbability(of: ["cash"], in: corpus) == nil)
        var trained = corpus
        trained.hamMessages = 5
        #expect((classifier.spamProbability(of: ["cash"], in: trained) ?? 0) > 0.8)
        #expect(classifier.spamProbability(of: ["unknown"], in: trained) == 0.5)
    }

    @Test func combinationIsSymmetric() {
        let spammy = BayesClassifier.combined([0.99, 0.95, 0.9])
        let hammy = BayesClassifier.combined([0.01, 0.05, 0.1])
        #expect(spammy > 0.9)
        #expect(abs(spammy + hammy - 1) < 1e-9)
        #expect(abs(BayesClassifier.combined([0.99, 0.01]) - 0.5) < 1e-9)
    }
}
