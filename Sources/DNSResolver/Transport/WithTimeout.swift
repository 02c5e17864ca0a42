/// Runs `operation`, cancelling it and throwing ``DNSTransportError/timedOut`` if it has not
/// finished after `timeout`.
func withTimeout<Result: Sendable>(_ timeout: Duration,
                                   _ operation: @escaping @Sendable () async throws -> Result) async throws -> Result {
    try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw DNSTransportError.timedOut
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DNSTransportError.timedOut }
        return first
    }
}
