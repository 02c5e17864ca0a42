import ServiceLifecycle

/// Re-reads the bans from the store every ``AbuseGuard/refreshInterval`` while the server
/// runs, so bans lifted with `martlet ban remove` (or made by another node) take effect.
struct BanRefreshService: Service {
    let abuseGuard: AbuseGuard

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: AbuseGuard.refreshInterval)
                } catch {
                    return
                }
                await abuseGuard.refreshBans()
            }
        }
    }
}
