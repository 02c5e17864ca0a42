/// The time source of the resolver's cache: a monotonic reading as a duration since some
/// fixed origin. Tests pass a clock they move by hand.
public struct DNSClock: Sendable {
    private let reading: @Sendable () -> Duration

    /// A clock that reads `now`.
    public init(_ now: @escaping @Sendable () -> Duration) {
        reading = now
    }

    /// The current reading.
    public func now() -> Duration { reading() }

    /// The system's monotonic clock (`ContinuousClock`), measured from the first use.
    public static let system: DNSClock = {
        let origin = ContinuousClock.now
        return DNSClock { ContinuousClock.now - origin }
    }()
}
