import MailCore
import MailStore
import Locking

/// The local domain names as last read from the directory, trusted for a short time, so that
/// a RCPT to another server's domain (a submission client sending to many recipients) is
/// routed without a store lookup each. A domain added by another process is seen within
/// ``lifetime``; until then mail to it from submission would be queued for its MX.
public final class LocalDomainSnapshot: Sendable {
    private struct Reading {
        var names: Set<String>
        var readAt: ContinuousClock.Instant
    }

    /// How long a reading is trusted.
    public let lifetime: Duration
    private let reading = Locked<Reading?>(nil)
    private let now: @Sendable () -> ContinuousClock.Instant

    /// A snapshot trusted for `lifetime` by the clock `now` (tests move it by hand).
    public init(lifetime: Duration = .seconds(1), now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.lifetime = lifetime
        self.now = now
    }

    /// Whether `domain` is not one of ours, by a fresh reading; nil when there is none (read
    /// the directory, then ``refresh(from:)``).
    public func isRemote(_ domain: String) -> Bool? {
        guard let canonical = try? EmailAddress.canonicalDomain(domain) else { return nil }
        let now = self.now()
        return reading.withLock { reading in
            guard let reading, now - reading.readAt < lifetime else { return nil }
            return !reading.names.contains(canonical)
        }
    }

    /// Reads the domain names again if the last reading is no longer fresh.
    public func refresh(from directory: any DirectoryStore) async {
        let now = self.now()
        let fresh = reading.withLock { reading in reading.map { now - $0.readAt < lifetime } ?? false }
        guard !fresh, let domains = try? await directory.domains() else { return }
        let names = Set(domains.map(\.name))
        reading.withLock { $0 = Reading(names: names, readAt: now) }
    }

    /// Forgets the reading (after this process changed the domains).
    public func invalidate() {
        reading.withLock { $0 = nil }
    }
}
