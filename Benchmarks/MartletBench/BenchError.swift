/// What went wrong in one exchange with the server under test. `kind` names the error
/// class counted in reports (`errors.by_kind`).
enum BenchError: Error, Equatable, CustomStringConvertible {
    /// The TCP connection could not be made.
    case connectFailed(String)
    /// No complete reply arrived within the per-reply time limit.
    case timedOut
    /// The server closed the connection while a reply was awaited.
    case connectionClosed
    /// TLS could not be started or failed.
    case tlsFailed(String)
    /// The server's bytes are not the protocol (malformed reply, unknown tag, ...).
    case malformedReply(String)
    /// A line or a buffered amount exceeded `BenchLimits`.
    case limitExceeded(String)
    /// The server sent bytes after its STARTTLS/STLS answer, before the TLS handshake.
    case dataBeforeTLS(Int)
    /// The server refused a command: the protocol's error kind and its text.
    case refused(kind: String, reply: String)
    /// The server lacks something the workload needs (STARTTLS, PIPELINING...).
    case missingCapability(String)
    /// The process given with `--pid` does not exist or its memory cannot be read.
    case processUnreadable(Int32)

    /// The error's class, as counted in reports.
    var kind: String {
        switch self {
        case .connectFailed: "connect"
        case .timedOut: "timeout"
        case .connectionClosed: "closed"
        case .tlsFailed: "tls"
        case .malformedReply: "malformed-reply"
        case .limitExceeded: "limit"
        case .dataBeforeTLS: "data-before-tls"
        case .refused(let kind, _): kind
        case .missingCapability: "missing-capability"
        case .processUnreadable: "memory"
        }
    }

    /// Whether the session can go on after this error: only a refused command leaves it
    /// in a known state.
    var leavesSessionUsable: Bool {
        if case .refused = self { return true }
        return false
    }

    var description: String {
        switch self {
        case .connectFailed(let reason): "connection failed: \(reason)"
        case .timedOut: "no reply within the time limit"
        case .connectionClosed: "the server closed the connection"
        case .tlsFailed(let reason): "TLS failed: \(reason)"
        case .malformedReply(let reason): "malformed reply: \(reason)"
        case .limitExceeded(let reason): "limit exceeded: \(reason)"
        case .dataBeforeTLS(let count): "the server sent \(count) bytes after agreeing to start TLS, before the handshake"
        case .refused(let kind, let reply): "\(kind): \(reply)"
        case .missingCapability(let name): "the server does not offer \(name)"
        case .processUnreadable(let pid): "cannot read the memory of process \(pid) in /proc"
        }
    }
}

extension Error {
    /// The error class counted in reports for any error met while driving a session.
    var benchErrorKind: String {
        if let bench = self as? BenchError { return bench.kind }
        return "io"
    }
}
