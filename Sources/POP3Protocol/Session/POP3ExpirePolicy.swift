/// How long the server keeps messages after they were retrieved, as the EXPIRE capability
/// announces it (RFC 2449 §6.7).
public enum POP3ExpirePolicy: Sendable, Equatable {
    /// Messages are never removed by the server: `EXPIRE NEVER`.
    case never
    /// Messages may be removed this many days after retrieval: `EXPIRE <days>` (0: they may
    /// be removed as soon as the session ends, whether or not the client deleted them).
    case days(Int)

    /// The capability argument.
    var argument: String {
        switch self {
        case .never: return "NEVER"
        case .days(let days): return String(max(0, days))
        }
    }
}
