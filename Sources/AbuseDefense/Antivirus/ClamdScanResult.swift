/// What clamd said about a stream it scanned.
public enum ClamdScanResult: Sendable, Equatable, CustomStringConvertible {
    /// `stream: OK`: no signature matched.
    case clean
    /// `stream: NAME FOUND`: the signature `NAME` matched (e.g. `Eicar-Test-Signature`, or
    /// `Name.UNOFFICIAL` for a signature from an unsigned local database).
    case infected(signature: String)
    /// `... ERROR`: clamd could not scan the stream (too large, out of memory, a database
    /// problem), with its reason.
    case scanFailed(reason: String)

    public var description: String {
        switch self {
        case .clean: return "clean"
        case .infected(let signature): return "infected (\(signature))"
        case .scanFailed(let reason): return "scan failed: \(reason)"
        }
    }
}
