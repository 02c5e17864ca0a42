import Locking

/// What became of each message the flood attempted (exactly one outcome each), and what
/// happened to its sessions.
final class FloodTally: Sendable {
    /// The outcome of one attempted message.
    enum Outcome: Sendable, Equatable {
        /// 250 after the end of data.
        case accepted
        /// A 4xx reply (at the greeting, to EHLO, RSET, MAIL, RCPT, DATA or the data).
        case refusedTemporarily(String)
        /// A 5xx reply.
        case refusedPermanently(String)
        /// No reply: the connection failed, was closed, timed out, or the reply was not SMTP.
        case connectionError(BenchError)

        /// The outcome a refused reply stands for.
        init(refusal reply: SMTPReply) {
            self = reply.code >= 500 ? .refusedPermanently(reply.summary) : .refusedTemporarily(reply.summary)
        }

        /// The outcome an error met while opening a session or sending stands for.
        init(error: BenchError) {
            if case .refused(let kind, let reply) = error {
                self = kind == "smtp-5xx" ? .refusedPermanently(reply) : .refusedTemporarily(reply)
            } else {
                self = .connectionError(error)
            }
        }
    }

    /// The counts so far.
    struct Counts: Sendable, Equatable {
        var attempted = 0
        var accepted = 0
        var refusedTemporarily = 0
        var refusedPermanently = 0
        var connectionErrors = 0
        /// Connection errors by kind ("closed", "connect", "timeout"...).
        var errorsByKind: [String: Int] = [:]
        /// The first reply or error of each outcome ("4xx", "5xx", and each error kind).
        var examples: [String: String] = [:]
        /// Sessions greeted and past EHLO.
        var sessionsOpened = 0
        /// Sessions the server refused in its greeting or closed before it.
        var sessionsRefusedAtOpening = 0
        /// Open sessions the server closed (after a 421, or without a word).
        var serverCloses = 0
    }

    private let state = Locked(Counts())

    /// One attempted message's outcome.
    func record(_ outcome: Outcome) {
        state.withLock { counts in
            counts.attempted += 1
            switch outcome {
            case .accepted:
                counts.accepted += 1
            case .refusedTemporarily(let reply):
                counts.refusedTemporarily += 1
                if counts.examples["4xx"] == nil { counts.examples["4xx"] = String(reply.prefix(200)) }
            case .refusedPermanently(let reply):
                counts.refusedPermanently += 1
                if counts.examples["5xx"] == nil { counts.examples["5xx"] = String(reply.prefix(200)) }
            case .connectionError(let error):
                counts.connectionErrors += 1
                counts.errorsByKind[error.kind, default: 0] += 1
                if counts.examples[error.kind] == nil { counts.examples[error.kind] = String(error.description.prefix(200)) }
            }
        }
    }

    func sessionOpened() { state.withLock { $0.sessionsOpened += 1 } }
    func sessionRefusedAtOpening() { state.withLock { $0.sessionsRefusedAtOpening += 1 } }
    func serverClosed() { state.withLock { $0.serverCloses += 1 } }

    var counts: Counts { state.withLock { $0 } }
}
