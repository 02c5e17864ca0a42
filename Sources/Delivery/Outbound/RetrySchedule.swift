import Foundation

/// When the queue tries a deferred recipient again, and when it gives up.
///
/// RFC 5321 §4.5.4.1: the retry interval should be at least 30 minutes after the first
/// failures and the give-up time at least 4–5 days. The default starts sooner (a greylisting
/// server usually accepts the second try after a few minutes) and backs off to every 4 hours.
public struct RetrySchedule: Sendable, Hashable {
    /// The waits after the 1st, 2nd, … failed attempt; the last repeats for every later one.
    public var intervals: [Duration]
    /// How long after a deferral a "delayed" notice is sent to a sender who asked for one
    /// (RFC 3461 §4.1 NOTIFY=DELAY, or NOTIFY not given: the server's choice).
    public var delayNoticeAfter: Duration

    /// 1m, 5m, 15m, 30m, 1h, 2h, 4h, then every 4h; delay notices after 4 hours.
    public static let standard = RetrySchedule(
        intervals: [.seconds(60), .seconds(300), .seconds(900), .seconds(1800), .seconds(3600), .seconds(7200),
                    .seconds(14_400)],
        delayNoticeAfter: .seconds(14_400))

    /// Creates a schedule; an empty `intervals` means one minute between attempts.
    public init(intervals: [Duration], delayNoticeAfter: Duration) {
        self.intervals = intervals.isEmpty ? [.seconds(60)] : intervals
        self.delayNoticeAfter = delayNoticeAfter
    }

    /// The wait after `failedAttempts` failures (1 for the first).
    public func interval(afterFailedAttempts failedAttempts: Int) -> Duration {
        intervals[min(max(failedAttempts, 1), intervals.count) - 1]
    }

    /// When to try again after the `failedAttempts`-th failure at `now`.
    public func nextAttempt(afterFailedAttempts failedAttempts: Int, now: Date) -> Date {
        now.addingTimeInterval(interval(afterFailedAttempts: failedAttempts).timeInterval)
    }
}

extension Duration {
    /// The duration in seconds as a `TimeInterval`.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
