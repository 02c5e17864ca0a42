import DNSResolver
import Locking

/// A clock for the resolver's cache that moves only when the test says so.
final class ManualClock: Sendable {
    private let reading = Locked<Duration>(.seconds(1_000))

    var dnsClock: DNSClock { DNSClock { [self] in reading.withLock { $0 } } }

    func advance(by duration: Duration) {
        reading.withLock { $0 += duration }
    }
}
