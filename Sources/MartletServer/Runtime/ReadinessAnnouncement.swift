import ServiceLifecycle

/// Says the server is ready, once, from inside the service group (after it has started
/// trapping the shutdown signals), then ends.
struct ReadinessAnnouncement: Service {
    let announce: @Sendable () -> Void

    func run() async throws {
        announce()
    }
}
