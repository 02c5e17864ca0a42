import Foundation

/// Runs an operation over and over in several tasks for a fixed time and counts it.
struct Measurement {
    let operations: Int
    let elapsed: Duration
    let cpuSeconds: Double

    var perSecond: Double { Double(operations) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) }

    func line(_ name: String) -> String {
        String(format: "%@: %.0f msg/s (%d in %.2f s, CPU %.2f s, %.0f µs CPU each)", name, perSecond, operations,
               Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, cpuSeconds,
               cpuSeconds / Double(max(operations, 1)) * 1e6)
    }

    static func run(seconds: Double, tasks: Int, _ operation: @escaping @Sendable () async throws -> Void) async throws -> Measurement {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = processCPUSeconds()
        let deadline = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<max(1, tasks) {
                group.addTask {
                    var count = 0
                    while clock.now < deadline {
                        try await operation()
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Measurement(operations: total, elapsed: clock.now - start, cpuSeconds: processCPUSeconds() - cpuStart)
    }

    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
