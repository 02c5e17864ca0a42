import Foundation

/// The relative frequencies of the mixed workload's operations.
struct IMAPWeights: Equatable, Sendable {
    /// Why a `--weights` value was refused.
    struct ParseError: Error, CustomStringConvertible, Equatable {
        let description: String
    }

    static let weightedOperations: [IMAPOperation] = [.select, .fetchHeaders, .fetchBody, .store, .append, .expunge,
                                                      .searchText, .logout]
    static let defaults: [IMAPOperation: Int] = [
        .select: 10, .fetchHeaders: 25, .fetchBody: 25, .store: 15, .append: 10, .expunge: 10, .searchText: 0, .logout: 5,
    ]
    private static let maximumWeight = 1_000_000

    let weights: [IMAPOperation: Int]

    /// The defaults, with the operations named in `text` ("fetch-body=40,logout=0") replaced.
    init(parsing text: String?) throws(ParseError) {
        var weights = Self.defaults
        for item in (text ?? "").split(separator: ",") {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard parts.count == 2, let value = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
                throw ParseError(description: "a --weights item must be name=number, not '\(item)'")
            }
            guard let operation = IMAPOperation(rawValue: name), Self.weightedOperations.contains(operation) else {
                let names = Self.weightedOperations.map(\.rawValue).joined(separator: ", ")
                let hint = name == "login" ? " (a login follows each logout: weight logout instead)" : ""
                throw ParseError(description: "unknown --weights operation '\(name)'\(hint); use \(names)")
            }
            guard (0...Self.maximumWeight).contains(value) else {
                throw ParseError(description: "the weight of \(name) must be 0...\(Self.maximumWeight)")
            }
            weights[operation] = value
        }
        guard weights.values.contains(where: { $0 > 0 }) else {
            throw ParseError(description: "--weights leaves no operation with a positive weight")
        }
        self.weights = weights
    }

    /// The choice the workload draws from.
    var choice: WeightedChoice<IMAPOperation>? {
        WeightedChoice(Self.weightedOperations.map { (element: $0, weight: weights[$0] ?? 0) })
    }
}
