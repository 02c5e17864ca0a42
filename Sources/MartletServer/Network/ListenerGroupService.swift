import Logging
import ServiceLifecycle

/// Keeps the listeners open while the server runs; on graceful shutdown stops them and
/// lets open connections finish (before the store closes: the store's service comes first
/// in the service group, so it is shut down after this one).
struct ListenerGroupService: Service {
    let listeners: ListenerGroup
    /// How long open connections get to finish on shutdown.
    let gracePeriod: Duration
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        logger.info("closing the listeners", metadata: ["open connections": "\(listeners.openConnections)"])
        await listeners.shutDown(gracePeriod: gracePeriod)
    }
}
