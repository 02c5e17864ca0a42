/// The accounts a run uses: a pattern such as `user%d@example.org` whose `%d` takes the
/// values 1...count, and the password they share.
struct UserPattern: Equatable, Sendable {
    /// Why a `--users` pattern was refused.
    enum PatternError: Error, Equatable, CustomStringConvertible {
        case missingPlaceholder
        case repeatedPlaceholder
        case invalidCount(Int)
        case whitespace

        var description: String {
            switch self {
            case .missingPlaceholder: "the --users pattern needs one %d (e.g. 'user%d@example.org')"
            case .repeatedPlaceholder: "the --users pattern may hold only one %d"
            case .invalidCount(let count): "--user-count must be 1...\(BenchLimits.maximumUserCount), not \(count)"
            case .whitespace: "the --users pattern may not contain spaces or control characters"
            }
        }
    }

    let prefix: String
    let suffix: String
    /// How many accounts the pattern stands for (numbered from 1).
    let count: Int

    init(_ pattern: String, count: Int) throws(PatternError) {
        guard pattern.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value != 127 }) else { throw .whitespace }
        let parts = pattern.split(separator: "%d", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { throw .missingPlaceholder }
        guard parts.count == 2 else { throw .repeatedPlaceholder }
        guard (1...BenchLimits.maximumUserCount).contains(count) else { throw .invalidCount(count) }
        prefix = String(parts[0])
        suffix = String(parts[1])
        self.count = count
    }

    /// The account numbered `number` (1-based, as in `user1`).
    func address(number: Int) -> String { "\(prefix)\(number)\(suffix)" }

    /// The account a client uses: clients 0, 1, ... take accounts 1, 2, ... round-robin.
    func address(forClient index: Int) -> String { address(number: index % count + 1) }

    /// The domain part of the pattern's addresses, if it has one.
    var domain: String? {
        guard let at = suffix.lastIndex(of: "@") else { return nil }
        let domain = suffix[suffix.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }
}
