/// One SMTP reply: a three-digit code and its text lines (RFC 5321 §4.2).
struct SMTPReply: Equatable, Sendable {
    let code: Int
    /// The text after the code on each line, without the separator.
    let lines: [String]

    /// 2xx: the command succeeded.
    var isPositiveCompletion: Bool { (200...299).contains(code) }
    /// 3xx: the server waits for more (354 after DATA).
    var isIntermediate: Bool { (300...399).contains(code) }

    /// The error kind counted in reports for a refused command ("smtp-4xx" or "smtp-5xx").
    var errorKind: String { code >= 500 ? "smtp-5xx" : "smtp-4xx" }

    /// The reply as the server sent it, on one line, for messages.
    var summary: String { "\(code) \(lines.joined(separator: " / "))" }

    /// A refusal error carrying this reply.
    var refusal: BenchError { .refused(kind: errorKind, reply: summary) }
}
