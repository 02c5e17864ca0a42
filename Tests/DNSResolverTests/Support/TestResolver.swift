@testable import DNSResolver

/// A stub resolver asking `servers`. The default timeout is generous: a test that counts
/// queries must not see a retransmission only because a loaded machine (the whole suite
/// in parallel, a sanitizer build) answered late. Tests about timeouts pass their own.
func testResolver(_ servers: [DNSServerAddress], clock: DNSClock = .system,
                  timeout: Duration = .seconds(10), attempts: Int = 2) -> StubResolver {
    StubResolver(configuration: DNSResolverConfiguration(servers: servers, timeout: timeout, attempts: attempts), clock: clock)
}
