import AbuseDefense
import Foundation
import Locking

/// Counts the open connections, in all, per client address and per client network (/24,
/// /64), and refuses a new one that would go over a limit (`Limits.maxConnections`,
/// `Limits.maxConnectionsPerAddress`, `[rate_limits] connections_per_network`).
final class ConnectionLimiter: Sendable {
    /// Why a connection was refused.
    enum Refusal: Sendable, Equatable, CustomStringConvertible {
        case tooManyConnections(limit: Int)
        case tooManyFromAddress(limit: Int)
        case tooManyFromNetwork(limit: Int)
        case rateLimited(RateLimitRefusal)
        case banned(Ban)

        var description: String {
            switch self {
            case .tooManyConnections(let limit): "too many connections to this server (limit \(limit))"
            case .tooManyFromAddress(let limit): "too many connections from your address (limit \(limit))"
            case .tooManyFromNetwork(let limit): "too many connections from your network (limit \(limit))"
            case .rateLimited(let refusal): refusal.description
            case .banned(let ban):
                "your address is banned until \(Self.timestamp(ban.expires)) (\(ban.reason))"
            }
        }

        private static func timestamp(_ seconds: Double) -> String {
            let formatter = ISO8601DateFormatter()
            return formatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.up)))
        }
    }

    private struct Counts {
        var total = 0
        var perAddress: [String: Int] = [:]
        var perNetwork: [String: Int] = [:]
    }

    private let counts = Locked(Counts())
    private let maximumTotal: Int
    private let maximumPerAddress: Int
    private let maximumPerNetwork: Int
    private let isExemptFromNetworkLimit: @Sendable (String) -> Bool

    /// `isExemptFromNetworkLimit` says which addresses the per-network limit spares (the
    /// `[rate_limits] exempt_networks`).
    init(maximumTotal: Int, maximumPerAddress: Int, maximumPerNetwork: Int = .max,
         isExemptFromNetworkLimit: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.maximumTotal = max(1, maximumTotal)
        self.maximumPerAddress = max(1, maximumPerAddress)
        self.maximumPerNetwork = max(1, maximumPerNetwork)
        self.isExemptFromNetworkLimit = isExemptFromNetworkLimit
    }

    /// Counts a new connection from `address` (an IP address without port), or says why not.
    /// Every admitted connection must be given back with `release` when it closes.
    func admit(_ address: String) -> Refusal? {
        let network = networkKey(of: address)
        return counts.withLock { counts in
            if counts.total >= maximumTotal { return .tooManyConnections(limit: maximumTotal) }
            let fromAddress = counts.perAddress[address, default: 0]
            if fromAddress >= maximumPerAddress { return .tooManyFromAddress(limit: maximumPerAddress) }
            if let network {
                if counts.perNetwork[network, default: 0] >= maximumPerNetwork {
                    return .tooManyFromNetwork(limit: maximumPerNetwork)
                }
                counts.perNetwork[network, default: 0] += 1
            }
            counts.total += 1
            counts.perAddress[address] = fromAddress + 1
            return nil
        }
    }

    /// The network whose connections `address` counts toward, or nil when none is limited.
    private func networkKey(of address: String) -> String? {
        guard maximumPerNetwork < .max, !isExemptFromNetworkLimit(address) else { return nil }
        return ClientNetwork.key(of: address)
    }

    /// Gives back a connection `admit` counted.
    func release(_ address: String) {
        let network = networkKey(of: address)
        counts.withLock { counts in
            counts.total = max(0, counts.total - 1)
            if let network, let fromNetwork = counts.perNetwork[network] {
                if fromNetwork <= 1 { counts.perNetwork.removeValue(forKey: network) } else { counts.perNetwork[network] = fromNetwork - 1 }
            }
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
