/// One POP3 response (RFC 1939 §3): the status line and, for multi-line responses, either
/// the lines themselves (when kept) or only their size.
struct POP3Response: Equatable, Sendable {
    let isOK: Bool
    /// The status line's text after `+OK` / `-ERR`.
    let text: String
    /// The multi-line data's lines, dot-unstuffed, when the decoder keeps them.
    var lines: [String] = []
    /// Octets of multi-line data received (each line counted with its CRLF, unstuffed).
    var dataByteCount = 0

    /// The refusal error for a `-ERR` answer to `command`.
    func refusal(_ command: String) -> BenchError { .refused(kind: "pop3-err", reply: "\(command): \(text)") }
}
