import Testing
@testable import martlet_bench

@Suite("Workload weights")
struct WorkloadChoiceTests {
    @Test func picksInProportionAndNeverAZeroWeight() throws {
        let choice = try #require(WeightedChoice([(element: "a", weight: 1), (element: "never", weight: 0), (element: "b", weight: 3)]))
        var random = SeededRandom(seed: 1)
        var counts: [String: Int] = [:]
        let draws = 100_000
        for _ in 0..<draws { counts[choice.pick(using: &random), default: 0] += 1 }
        #expect(counts["never"] == nil)
        let shareOfB = Double(counts["b", default: 0]) / Double(draws)
        #expect(abs(shareOfB - 0.75) < 0.01)
    }

    @Test func noPositiveWeightNoChoice() {
        #expect(WeightedChoice([(element: 1, weight: 0)]) == nil)
        #expect(WeightedChoice([(element: Int, weight: Int)]()) == nil)
    }

    @Test func sameSeedSameSequence() throws {
        let choice = try #require(IMAPWeights(parsing: nil).choice)
        var first = SeededRandom(seed: 8, stream: 2)
        var second = SeededRandom(seed: 8, stream: 2)
        var other = SeededRandom(seed: 8, stream: 3)
        let a = (0..<50).map { _ in choice.pick(using: &first) }
        #expect(a == (0..<50).map { _ in choice.pick(using: &second) })
        #expect(a != (0..<50).map { _ in choice.pick(using: &other) })
    }

    @Test func weightsOverrideTheDefaults() throws {
        let weights = try IMAPWeights(parsing: "fetch-body=40, logout=0")
        #expect(weights.weights[.fetchBody] == 40)
        #expect(weights.weights[.logout] == 0)
        #expect(weights.weights[.store] == IMAPWeights.defaults[.store])
        let onlyAppend = try IMAPWeights(parsing: IMAPWeights.weightedOperations.map { "\($0.rawValue)=\($0 == .append ? 1 : 0)" }.joined(separator: ","))
        var random = SeededRandom(seed: 4)
        let choice = try #require(onlyAppend.choice)
        #expect((0..<100).allSatisfy { _ in choice.pick(using: &random) == .append })
    }

    @Test(arguments: ["fetch=3", "login=5", "store=-1", "store", "append=x", "select=0,fetch-headers=0,fetch-body=0,store=0,append=0,expunge=0,logout=0"])
    func badWeightsAreRefused(_ text: String) {
        #expect(throws: IMAPWeights.ParseError.self) { try IMAPWeights(parsing: text) }
    }

    @Test func loginHintPointsAtLogout() {
        #expect(throws: IMAPWeights.ParseError.self) { try IMAPWeights(parsing: "login=5") }
        do {
            _ = try IMAPWeights(parsing: "login=5")
        } catch {
            #expect(error.description.contains("logout"))
        }
    }

    @Test func seededRandomStaysInRange() {
        var random = SeededRandom(seed: 77)
        for bound in [1, 2, 3, 10, 1_000_000] {
            for _ in 0..<1000 { #expect((0..<bound).contains(random.below(bound))) }
        }
        #expect((0..<1000).allSatisfy { _ in (5...9).contains(random.within(5...9)) })
    }
}

@Suite("User patterns")
struct UserPatternTests {
    @Test func expandsNumbersFromOne() throws {
        let pattern = try UserPattern("user%d@peer.test", count: 3)
        #expect(pattern.address(number: 1) == "user1@peer.test")
        #expect((0..<6).map(pattern.address(forClient:)) == ["user1", "user2", "user3", "user1", "user2", "user3"].map { "\($0)@peer.test" })
        #expect(pattern.domain == "peer.test")
        #expect(try UserPattern("u%d", count: 1).domain == nil)
    }

    @Test func refusesBadPatterns() {
        #expect(throws: UserPattern.PatternError.missingPlaceholder) { try UserPattern("user@x", count: 1) }
        #expect(throws: UserPattern.PatternError.repeatedPlaceholder) { try UserPattern("u%d%d", count: 1) }
        #expect(throws: UserPattern.PatternError.whitespace) { try UserPattern("u %d", count: 1) }
        #expect(throws: UserPattern.PatternError.invalidCount(0)) { try UserPattern("u%d", count: 0) }
        #expect(throws: UserPattern.PatternError.self) { try UserPattern("u%d", count: BenchLimits.maximumUserCount + 1) }
    }
}
