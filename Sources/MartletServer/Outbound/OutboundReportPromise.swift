import NIOCore
import Locking

/// The promise of a connection's report, completed exactly once by whichever comes first: the
/// handler when the connection ends, or the connector when no connection was made.
final class OutboundReportPromise: Sendable {
    private let promise: EventLoopPromise<OutboundConnectionReport>
    private let completed = Locked(false)

    init(on eventLoop: any EventLoop) {
        promise = eventLoop.makePromise(of: OutboundConnectionReport.self)
    }

    /// Completes the promise unless it already is.
    func complete(_ report: OutboundConnectionReport) {
        let first = completed.withLock { done in
            defer { done = true }
            return !done
        }
        if first { promise.succeed(report) }
    }

    /// The report.
    func get() async -> OutboundConnectionReport {
        // The promise is only ever succeeded.
        (try? await promise.futureResult.get()) ?? OutboundConnectionReport()
    }
}
