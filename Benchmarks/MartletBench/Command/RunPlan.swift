/// What a run is and how far it may go.
struct RunPlan: Sendable {
    let command: String
    let workload: String
    /// The operation the headline figures are about, or "all".
    let headline: String
    let clients: Int
    /// Seconds until no new operation starts.
    let seconds: Double
    let operations: Int
    /// Seconds the workload may run past `seconds` by design (the idle hold and settle).
    var extraSeconds = 0.0
    let seed: UInt64
}
