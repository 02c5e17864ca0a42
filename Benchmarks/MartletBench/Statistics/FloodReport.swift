import Foundation

/// The result of `martlet-bench flood`: the legitimate client's latency in the baseline
/// and during the flood, what became of the held connections and of the flood's
/// messages, and the server's memory. `--json` prints it as one object (snake_case keys,
/// milliseconds and KiB).
struct FloodReport: Codable, Equatable, Sendable {
    struct Target: Codable, Equatable, Sendable {
        let host: String
        let smtpPort: Int
        let submissionPort: Int
        let imapPort: Int
        /// "smtp" or "imap": where the held connections went.
        let holdService: String
    }

    /// One operation of the legitimate client in one phase.
    struct PhaseFigures: Codable, Equatable, Sendable {
        /// Successful operations (the latencies are theirs).
        let count: Int
        let failures: Int
        let latencyMs: LatencySummary?
        let firstFailure: String?
    }

    /// One operation of the legitimate client: baseline, flood, and flood ÷ baseline.
    struct LegitimateFigures: Codable, Equatable, Sendable {
        let operation: String
        let baseline: PhaseFigures
        let flood: PhaseFigures
        let p50Ratio: Double?
        let p99Ratio: Double?

        init(operation: String, baseline: PhaseFigures, flood: PhaseFigures) {
            self.operation = operation
            self.baseline = baseline
            self.flood = flood
            p50Ratio = Self.ratio(flood.latencyMs?.p50, baseline.latencyMs?.p50)
            p99Ratio = Self.ratio(flood.latencyMs?.p99, baseline.latencyMs?.p99)
        }

        private static func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
            guard let numerator, let denominator, denominator > 0 else { return nil }
            return (numerator / denominator * 100).rounded() / 100
        }
    }

    struct HoldFigures: Codable, Equatable, Sendable {
        /// Connections asked for.
        let requested: Int
        /// Count by fate (`HoldFate`'s names); they add up to the connections started.
        let fates: [String: Int]
        /// The first reply or error of each fate that had one.
        let examples: [String: String]
    }

    struct FloodFigures: Codable, Equatable, Sendable {
        let requested: Int
        let attempted: Int
        let accepted: Int
        let refused4xx: Int
        let refused5xx: Int
        let connectionErrors: Int
        let errorsByKind: [String: Int]
        let examples: [String: String]
        let sessionsOpened: Int
        let sessionsRefusedAtOpening: Int
        let serverCloses: Int
        /// Seconds from the start of the flood until its last message was answered.
        let seconds: Double
        let acceptedPerSecond: Double
        let attemptedPerSecond: Double
    }

    struct MemoryFigures: Codable, Equatable, Sendable {
        let pid: Int32
        let samples: Int
        let baselinePeakKilobytes: Int?
        let floodPeakKilobytes: Int?
        let floodEndKilobytes: Int?
        /// Once every connection was closed and the server had a moment to settle.
        let afterKilobytes: Int?
        /// The process could be read and then no longer: it exited during the run.
        let serverGone: Bool
    }

    let target: Target
    let baselineSeconds: Double
    let floodSeconds: Double
    /// "all-attempted" (the flood's messages were all attempted) or "max-seconds".
    let floodStoppedBy: String
    let legitimate: [LegitimateFigures]
    let hold: HoldFigures
    let flood: FloodFigures
    let memory: MemoryFigures?

    /// The report as one line of JSON with sorted, snake_case keys.
    func json() throws -> String { try reportJSON() }
}
