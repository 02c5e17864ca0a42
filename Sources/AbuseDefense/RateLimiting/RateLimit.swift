/// A rate: at most `count` events per `intervalSeconds`, e.g. "30/minute". As a token bucket
/// it allows a burst of `count` and then `count / intervalSeconds` events per second.
public struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    /// Events allowed per interval.
    public let count: Int
    /// The interval, in seconds.
    public let intervalSeconds: Int

    /// A rate of `count` per `intervalSeconds`; nil unless both are positive.
    public init?(count: Int, intervalSeconds: Int) {
        guard count > 0, intervalSeconds > 0 else { return nil }
        self.count = count
        self.intervalSeconds = intervalSeconds
    }

    /// Parses "N/second", "N/minute", "N/hour", "N/day" or "N/Ss" (N per S seconds, e.g. "5/10s").
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: " ") }
        guard parts.count == 2, let count = Int(parts[0]) else { return nil }
        let interval: Int
        switch parts[1].lowercased() {
        case "second", "s": interval = 1
        case "minute", "min", "m": interval = 60
        case "hour", "h": interval = 3600
        case "day", "d": interval = 86_400
        case let other where other.hasSuffix("s"):
            guard let seconds = Int(other.dropLast()) else { return nil }
            interval = seconds
        default:
            return nil
        }
        self.init(count: count, intervalSeconds: interval)
    }

    /// "30 per minute", "5 per 10 seconds".
    public var description: String {
        switch intervalSeconds {
        case 1: "\(count) per second"
        case 60: "\(count) per minute"
        case 3600: "\(count) per hour"
        case 86_400: "\(count) per day"
        default: "\(count) per \(intervalSeconds) seconds"
        }
    }

    /// A full bucket for this rate.
    public func makeBucket(now: Double) -> TokenBucket {
        TokenBucket(capacity: Double(count), refillPerSecond: Double(count) / Double(intervalSeconds), now: now)
    }
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var slice = self[...]
        while slice.first == set { slice = slice.dropFirst() }
        while slice.last == set { slice = slice.dropLast() }
        return String(slice)
    }
}
