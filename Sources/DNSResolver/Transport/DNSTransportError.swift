/// Why one exchange with one server failed; the resolver turns these into ``DNSResolverError``.
enum DNSTransportError: Error, Equatable {
    /// No acceptable answer arrived in time.
    case timedOut
    /// The server's answer could not be decoded or did not match the query.
    case malformed(String)
    /// The socket could not be opened, or the connection failed or closed early.
    case network(String)

    /// The failure in words.
    var reason: String {
        switch self {
        case .timedOut: "no answer in time"
        case .malformed(let reason), .network(let reason): reason
        }
    }
}
