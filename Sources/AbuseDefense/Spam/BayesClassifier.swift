import Foundation
import MailStore

/// A Bayesian spam classifier in the manner of Gary Robinson's "A Statistical Approach to
/// the Spam Problem" (2003): each token's spam probability is estimated from how many
/// spam and ham messages contained it, pulled towards a neutral prior while the evidence is
/// thin, and the probabilities of the most telling tokens are combined with Fisher's method
/// (chi-square) into one indicator between 0 (ham) and 1 (spam).
public struct BayesClassifier: Sendable {
    /// The weight of the prior against the token's own counts ("s").
    public var priorStrength = 0.45
    /// The probability given to a token never seen ("x").
    public var priorProbability = 0.5
    /// Tokens whose probability is closer to 0.5 than this are left out.
    public var minimumDeviation = 0.1
    /// At most this many tokens (the farthest from 0.5) are combined.
    public var maximumTokensCombined = 150
    /// The classifier answers only once the corpus holds this many spam and this many ham
    /// messages.
    public var minimumTrainingMessages = 10

    public init(minimumTrainingMessages: Int = 10) {
        self.minimumTrainingMessages = minimumTrainingMessages
    }

    /// Whether `corpus` has been trained enough to be asked.
    public func isTrained(_ corpus: SpamCorpusCounts) -> Bool {
        corpus.spamMessages >= max(1, minimumTrainingMessages) && corpus.hamMessages >= max(1, minimumTrainingMessages)
    }

    /// The spam indicator of a message with `tokens` against `corpus` (0 ham ... 1 spam), or
    /// nil when the corpus is not trained enough.
    public func spamProbability(of tokens: [String], in corpus: SpamCorpusCounts) -> Double? {
        guard isTrained(corpus) else { return nil }
        var telling: [Double] = []
        for token in Set(tokens) {
            guard let tally = corpus.tokens[token],
                  let probability = tokenProbability(tally, in: corpus),
                  abs(probability - 0.5) >= minimumDeviation else { continue }
            telling.append(probability)
        }
        telling.sort { abs($0 - 0.5) > abs($1 - 0.5) }
        return Self.combined(telling.prefix(maximumTokensCombined))
    }

    /// Robinson's f(w): the token's spam probability from the ratios of spam and ham
    /// messages that contain it, moved towards `priorProbability` when seen in few messages.
    func tokenProbability(_ tally: SpamTokenTally, in corpus: SpamCorpusCounts) -> Double? {
        let spamRatio = min(1, Double(max(0, tally.spam)) / Double(max(1, corpus.spamMessages)))
        let hamRatio = min(1, Double(max(0, tally.ham)) / Double(max(1, corpus.hamMessages)))
        guard spamRatio + hamRatio > 0 else { return nil }
        let observed = spamRatio / (spamRatio + hamRatio)
        let seen = Double(max(0, tally.spam) + max(0, tally.ham))
        return (priorStrength * priorProbability + seen * observed) / (priorStrength + seen)
    }

    /// Fisher's combination: how unlikely the probabilities are if they were random, once
    /// towards spam and once towards ham; the indicator is half their difference, centred.
    static func combined(_ probabilities: ArraySlice<Double>) -> Double {
        guard !probabilities.isEmpty else { return 0.5 }
        var spamLog = 0.0
        var hamLog = 0.0
        for probability in probabilities {
            let clamped = min(max(probability, 1e-9), 1 - 1e-9)
            spamLog += log(1 - clamped)
            hamLog += log(clamped)
        }
        let degrees = 2 * probabilities.count
        let spam = 1 - chiSquareSurvival(-2 * spamLog, degrees: degrees)
        let ham = 1 - chiSquareSurvival(-2 * hamLog, degrees: degrees)
        return (spam - ham + 1) / 2
    }

    /// P(X ≥ `value`) for a chi-square variable with an even number of `degrees` of freedom:
    /// the Poisson sum e^-m Σ m^i/i! for i below degrees/2, with m = value/2.
    static func chiSquareSurvival(_ value: Double, degrees: Int) -> Double {
        let mean = value / 2
        var term = exp(-mean)
        var sum = term
        for index in stride(from: 1, to: degrees / 2, by: 1) {
            term *= mean / Double(index)
            sum += term
        }
        return min(sum, 1)
    }
}
