import Delivery
import SMTPProtocol

/// How the queue runner delivers (the `[outbound]` table).
public struct OutboundSettings: Sendable, Equatable {
    /// The TCP port of remote SMTP servers (25; tests point it elsewhere).
    public var port: Int
    /// When deferred recipients are tried again, and when delay notices go out.
    public var retrySchedule: RetrySchedule
    /// Connections open at once to one destination domain.
    public var connectionsPerDestination: Int
    /// Connections open at once in all.
    public var maximumConnections: Int
    /// Domains whose mail is sent only over TLS with a certificate valid for the MX host name;
    /// every other destination gets opportunistic STARTTLS.
    public var requireTLSDomains: Set<String>
    /// How long a queue runner may hold claimed recipients before another may take them.
    public var leaseSeconds: Int

    public init(port: Int = 25, retrySchedule: RetrySchedule = .standard, connectionsPerDestination: Int = 10,
                maximumConnections: Int = 100, requireTLSDomains: Set<String> = [], leaseSeconds: Int = 900) {
        self.port = port
        self.retrySchedule = retrySchedule
        self.connectionsPerDestination = connectionsPerDestination
        self.maximumConnections = maximumConnections
        self.requireTLSDomains = requireTLSDomains
        self.leaseSeconds = leaseSeconds
    }

    /// The STARTTLS policy for a destination domain.
    func tlsPolicy(for domain: String) -> SMTPClientTLSPolicy {
        requireTLSDomains.contains(domain.lowercased()) ? .required : .opportunistic
    }
}
