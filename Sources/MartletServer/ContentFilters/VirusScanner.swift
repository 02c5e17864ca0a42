import AbuseDefense
import MailStore

/// Something that scans a message for viruses: clamd over the network (``ClamdClient``), or
/// a stand-in in tests.
protocol VirusScanner: Sendable {
    /// clamd's verdict on `message`, or why there is none.
    func scan(_ message: IncomingMessage.Source) async throws(VirusScanError) -> ClamdScanResult
}

/// Why a scan gave no verdict: the message is then deferred (or accepted when failing open).
enum VirusScanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection to clamd.
    case unreachable(String)
    /// No reply within the configured time.
    case timedOut
    /// The connection failed while the message was sent or the reply read.
    case connectionFailed(String)
    /// clamd's reply was not one it documents.
    case protocolViolation(ClamdProtocolError)
    /// The spooled message could not be read.
    case unreadableMessage(String)

    var description: String {
        switch self {
        case .unreachable(let reason): return "cannot connect to clamd: \(reason)"
        case .timedOut: return "clamd did not answer in time"
        case .connectionFailed(let reason): return "the connection to clamd failed: \(reason)"
        case .protocolViolation(let error): return error.description
        case .unreadableMessage(let reason): return "cannot read the message: \(reason)"
        }
    }
}
