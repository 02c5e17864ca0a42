import Foundation

/// The result of one run: what `--json` prints as one object, and what the table shows.
/// Keys are snake_case; latencies are in milliseconds.
struct BenchReport: Codable, Equatable, Sendable {
    struct Target: Codable, Equatable, Sendable {
        let host: String
        let port: Int
        /// "plain", "tls" or "starttls".
        let security: String
    }

    struct OperationFigures: Codable, Equatable, Sendable {
        let count: Int
        let perSecond: Double
        let latencyMs: LatencySummary
    }

    struct Errors: Codable, Equatable, Sendable {
        let total: Int
        let byKind: [String: Int]
        /// The first message seen of each kind.
        let examples: [String: String]
    }

    /// Resident memory of the server (idle workload with `--pid`).
    struct Memory: Codable, Equatable, Sendable {
        let pid: Int32
        let includesDescendants: Bool
        let before: ProcessMemory
        /// Once every session is open and idling.
        let opened: ProcessMemory
        /// At the end of the hold.
        let held: ProcessMemory
        /// (opened − before) / sessions open, in KiB.
        let perSessionKilobytes: Double?
    }

    let command: String
    let workload: String
    let target: Target
    let clients: Int
    let elapsedSeconds: Double
    /// The seconds rates are computed over: the whole run, or the idle workload's opening phase.
    let rateIntervalSeconds: Double
    /// The operation the headline figures are about ("send", "retr", "open", or "all").
    let headlineOperation: String
    let operations: Int
    let operationsPerSecond: Double
    let latencyMs: LatencySummary?
    let errors: Errors
    let byOperation: [String: OperationFigures]
    let counts: [String: Int]
    /// "duration", "count", "exhausted" or "hard-limit".
    let stoppedBy: String
    var memory: Memory?

    /// The report as one line of JSON with sorted, snake_case keys.
    func json() throws -> String { try reportJSON() }
}
