import Testing
import MailStore
@testable import AbuseDefense

/// The required test: trained on 70% of a small corpus written for the tests, the
/// classifier sorts the held-out 30% far better than chance (50%).
@Suite struct BayesCorpusTests {
    @Test func heldOutMessagesAreClassifiedFarBetterThanChance() throws {
        let corpus = try SpamCorpus()
        #expect(corpus.spam.count >= 50)
        #expect(corpus.ham.count >= 50)
        let spam = SpamCorpus.split(corpus.spam)
        let ham = SpamCorpus.split(corpus.ham)
        var memory = InMemoryCorpus()
        for message in spam.training { memory.train(message, as: .spam) }
        for message in ham.training { memory.train(message, as: .ham) }

        let classifier = BayesClassifier(minimumTrainingMessages: 10)
        let tokenizer = SpamTokenizer()
        func probability(_ message: [UInt8]) throws -> Double {
            try #require(classifier.spamProbability(of: tokenizer.tokens(of: SpamInspection(message: message)),
                                                    in: memory.counts))
        }
        let spamRight = try spam.heldOut.filter { try probability($0) > 0.5 }.count
        let hamRight = try ham.heldOut.filter { try probability($0) < 0.5 }.count
        let total = spam.heldOut.count + ham.heldOut.count
        let accuracy = Double(spamRight + hamRight) / Double(total)
        print("Bayes held-out accuracy: \(spamRight + hamRight)/\(total) = \(Int((accuracy * 100).rounded()))% "
              + "(spam \(spamRight)/\(spam.heldOut.count), ham \(hamRight)/\(ham.heldOut.count); chance is 50%)")
        let clock = ContinuousClock()
        let rules = SpamRules(hostname: "mx.test")
        let heldOut = spam.heldOut + ham.heldOut
        let elapsed = clock.measure {
            for message in heldOut {
                let inspection = SpamInspection(message: message)
                _ = rules.hits(inspection, results: SenderAuthenticationResults(), blockListings: [])
                _ = classifier.spamProbability(of: tokenizer.tokens(of: inspection), in: memory.counts)
            }
        }
        print("Scoring without the store (parse, rules, tokens, classifier): \(elapsed / heldOut.count) per message")
        #expect(total >= 30)
        #expect(accuracy >= 0.85)
        // Neither class may be sacrificed for the other.
        #expect(Double(spamRight) / Double(spam.heldOut.count) >= 0.7)
        #expect(Double(hamRight) / Double(ham.heldOut.count) >= 0.7)
    }

    @Test func trainingOnItsOwnMessagesMakesTheClassifierSure() throws {
        let corpus = try SpamCorpus()
        var memory = InMemoryCorpus()
        for message in corpus.spam { memory.train(message, as: .spam) }
        for message in corpus.ham { memory.train(message, as: .ham) }
        let classifier = BayesClassifier()
        let tokenizer = SpamTokenizer()
        let spam = try #require(classifier.spamProbability(
            of: tokenizer.tokens(of: SpamInspection(message: corpus.spam[0])), in: memory.counts))
        let ham = try #require(classifier.spamProbability(
            of: tokenizer.tokens(of: SpamInspection(message: corpus.ham[0])), in: memory.counts))
        #expect(spam > 0.95)
        #expect(ham < 0.05)
    }
}
