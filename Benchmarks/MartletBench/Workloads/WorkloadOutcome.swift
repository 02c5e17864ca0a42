/// What a workload reports beyond what its clients recorded.
struct WorkloadOutcome: Sendable {
    /// The server's resident memory (idle workload with `--pid`).
    var memory: BenchReport.Memory?
    /// The interval rates are computed over when it is not the whole run: the idle
    /// workload's opening phase (its hold would dilute the opening rate).
    var rateInterval: Duration?

    static let nothingMore = WorkloadOutcome()
}
