import Histogram

extension BenchReport {
    /// The report of a run from what its recorder collected. `headline` names the
    /// operation the top figures are about, or "all" for every operation together. Rates
    /// are per second of `rateInterval` when given, else of the whole run.
    init(
        command: String, workload: String, target: Target, clients: Int, elapsed: Duration,
        rateInterval: Duration? = nil, headline: String, snapshot: RunRecorder.Snapshot, stoppedBy: String
    ) {
        let seconds = max((rateInterval ?? elapsed).seconds, 1e-6)
        var byOperation: [String: OperationFigures] = [:]
        var combined = LatencySummary.makeHistogram()
        for (name, histogram) in snapshot.latencies {
            let count = Int(histogram.totalCount)
            byOperation[name] = OperationFigures(
                count: count, perSecond: Self.rounded(Double(count) / seconds), latencyMs: LatencySummary(microseconds: histogram))
            combined.add(histogram)
        }
        let headlineHistogram = headline == "all" ? combined : snapshot.latencies[headline]
        let operations = Int(headlineHistogram?.totalCount ?? 0)
        self.init(
            command: command, workload: workload, target: target, clients: clients,
            elapsedSeconds: Self.rounded(elapsed.seconds), rateIntervalSeconds: Self.rounded(seconds), headlineOperation: headline, operations: operations,
            operationsPerSecond: Self.rounded(Double(operations) / seconds),
            latencyMs: headlineHistogram.flatMap { $0.totalCount > 0 ? LatencySummary(microseconds: $0) : nil },
            errors: Errors(
                total: snapshot.errors.values.reduce(0, +), byKind: snapshot.errors, examples: snapshot.errorExamples),
            byOperation: byOperation, counts: snapshot.counters, stoppedBy: stoppedBy, memory: nil)
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
