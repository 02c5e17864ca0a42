import Histogram

/// Percentiles of one histogram of latencies, in milliseconds.
struct LatencySummary: Codable, Equatable, Sendable {
    let p50: Double
    let p90: Double
    let p99: Double
    let max: Double
    let mean: Double

    /// From a histogram of microseconds.
    init(microseconds histogram: Histogram<UInt64>) {
        p50 = Self.milliseconds(histogram.valueAtPercentile(50))
        p90 = Self.milliseconds(histogram.valueAtPercentile(90))
        p99 = Self.milliseconds(histogram.valueAtPercentile(99))
        max = Self.milliseconds(histogram.max)
        mean = histogram.mean.rounded() / 1000
    }

    init(p50: Double, p90: Double, p99: Double, max: Double, mean: Double) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
        self.mean = mean
    }

    private static func milliseconds(_ microseconds: UInt64) -> Double { Double(microseconds) / 1000 }

    /// An empty histogram of the range martlet-bench records (1 µs to one hour, 3 digits).
    static func makeHistogram() -> Histogram<UInt64> {
        Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: BenchLimits.highestTrackableMicroseconds,
            numberOfSignificantValueDigits: .three)
    }
}

extension Duration {
    /// The duration in whole microseconds, at least 1 (a histogram records from 1).
    var wholeMicroseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 1 }
        let value = UInt64(seconds) &* 1_000_000 &+ UInt64(attoseconds / 1_000_000_000_000)
        return Swift.max(1, Swift.min(value, BenchLimits.highestTrackableMicroseconds))
    }

    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
