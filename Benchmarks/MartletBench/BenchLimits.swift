/// Every bound martlet-bench applies, in one place. Options beyond a hard cap are refused
/// (a clear validation error), so no run can be unbounded in time, count or memory.
enum BenchLimits {
    /// Most concurrent clients or idle sessions one run opens.
    static let maximumClients = 10_000
    /// Longest run, in seconds (`--duration`, `--time-limit`).
    static let maximumDurationSeconds = 3_600.0
    /// Time limit of a run given only a count (`--messages`), in seconds.
    static let defaultCountedRunSeconds = 600.0
    /// Duration of a run given neither `--duration` nor `--messages`, in seconds.
    static let defaultDurationSeconds = 10.0
    /// Most operations (messages, commands) one run performs.
    static let maximumOperations = 10_000_000
    /// Largest generated message, in bytes.
    static let maximumMessageSize = 50 * 1024 * 1024
    /// Most accounts a `--users` pattern may expand to.
    static let maximumUserCount = 1_000_000
    /// Most envelope recipients of one message sent by `smtp` (`--recipients-per-message`).
    static let maximumRecipientsPerMessage = 1_000
    /// Most messages `fill` puts in one mailbox.
    static let maximumMessagesPerUser = 100_000
    /// Most messages one `fill` run generates in total.
    static let maximumFillMessages = 2_000_000
    /// Longest wait for one reply or one connection, in seconds (`--timeout`).
    static let maximumTimeoutSeconds = 300.0
    /// Default wait for one reply or one connection, in seconds.
    static let defaultTimeoutSeconds = 30.0
    /// Extra time after the planned end before every remaining connection is closed.
    static let shutdownGraceSeconds = 10.0
    /// Longest reply or response line accepted from a server, in bytes.
    static let maximumLineLength = 64 * 1024
    /// Most lines in one SMTP reply or one kept POP3 multi-line response.
    static let maximumLinesPerReply = 10_000
    /// Most bytes held unread from one connection (a server that floods is cut off).
    static let maximumBufferedBytes = 4 * 1024 * 1024
    /// Largest IMAP literal a server may announce (literals are skipped, never held).
    static let maximumLiteralSize = 1 << 31
    /// Most connection attempts in flight at once when opening idle sessions.
    static let maximumConnectParallelism = 1_000
    /// Pause after a failed connection before a client tries again, in milliseconds.
    static let reconnectPauseMilliseconds: Int64 = 50
    /// Largest latency a histogram records, in microseconds (one hour); longer values are clamped.
    static let highestTrackableMicroseconds: UInt64 = 3_600_000_000
}
