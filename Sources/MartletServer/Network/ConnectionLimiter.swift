import Synchronization

/// Counts the open connections, in all and per client address, and refuses a new one that
/// would go over either limit (`Limits.maxConnections`, `Limits.maxConnectionsPerAddress`).
final class ConnectionLimiter: Sendable {
    /// Why a connection was refused.
    enum Refusal: Sendable, Equatable, CustomStringConvertible {
        case tooManyConnections(limit: Int)
        case tooManyFromAddress(limit: Int)

        var description: String {
            switch self {
            case .tooManyConnections(let limit): "too many connections to this server (limit \(limit))"
            case .tooManyFromAddress(let limit): "too many connections from your address (limit \(limit))"
            }
        }
    }

    private struct Counts {
        var total = 0
        var perAddress: [String: Int] = [:]
    }

    private let counts = Mutex(Counts())
    private let maximumTotal: Int
    private let maximumPerAddress: Int

    init(maximumTotal: Int, maximumPerAddress: Int) {
        self.maximumTotal = max(1, maximumTotal)
        self.maximumPerAddress = max(1, maximumPerAddress)
    }

    /// Counts a new connection from `address` (an IP address without port), or says why not.
    /// Every admitted connection must be given back with `release` when it closes.
    func admit(_ address: String) -> Refusal? {
        counts.withLock { counts in
            if counts.total >= maximumTotal { return .tooManyConnections(limit: maximumTotal) }
            let fromAddress = counts.perAddress[address, default: 0]
            if fromAddress >= maximumPerAddress { return .tooManyFromAddress(limit: maximumPerAddress) }
            counts.total += 1
            counts.perAddress[address] = fromAddress + 1
            return nil
        }
    }

    /// Gives back a connection `admit` counted.
    func release(_ address: String) {
        counts.withLock { counts in
            counts.total = max(0, counts.total - 1)
            guard let fromAddress = counts.perAddress[address] else { return }
            if fromAddress <= 1 {
                counts.perAddress.removeValue(forKey: address)
            } else {
                counts.perAddress[address] = fromAddress - 1
            }
        }
    }

    /// Open connections in all.
    var openConnections: Int { counts.withLock { $0.total } }
}
