import DNSResolver
import SMTPProtocol

/// What an outbound connection can be reused for: the same server address and port, reached
/// for the same MX host name under the same TLS policy.
struct OutboundConnectionKey: Sendable, Hashable {
    let address: IPAddress
    let port: Int
    let hostName: String
    let tlsPolicy: SMTPClientTLSPolicy
}
