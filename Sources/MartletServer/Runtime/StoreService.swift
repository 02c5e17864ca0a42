import Logging
import MailStore
import ServiceLifecycle

/// Keeps the store open while the server runs and closes it, after the services that use
/// it, on graceful shutdown.
struct StoreService: Service {
    let store: SQLiteMailStore
    let logger: Logger

    func run() async throws {
        // Returns (or throws CancellationError) when the group shuts down.
        try? await gracefulShutdown()
        logger.info("closing the store")
        await store.close()
    }
}
