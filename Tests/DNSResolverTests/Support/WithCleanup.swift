/// Runs `body` with `resource`, then `cleanup`, whether `body` returns or throws: how every
/// server a test starts is always stopped.
func using<Resource, Result>(_ resource: Resource, cleanup: (Resource) async -> Void,
                             _ body: (Resource) async throws -> Result) async throws -> Result {
    let result: Result
    do {
        result = try await body(resource)
    } catch {
        await cleanup(resource)
        throw error
    }
    await cleanup(resource)
    return result
}
