import NIOCore

/// Turns the bytes a server sent into one complete answer (an SMTP reply, an IMAP tagged
/// completion, a POP3 response). Pure: it sees only the buffer, consumes what it has
/// understood, and returns nil until the answer is complete. It may keep state between
/// calls, so long answers (IMAP literals, POP3 multi-line data) are consumed as they
/// arrive instead of being held whole.
protocol InboundFrameDecoder: Sendable {
    associatedtype Output: Sendable
    mutating func decode(_ buffer: inout ByteBuffer) throws(BenchError) -> Output?
}

extension ByteBuffer {
    /// Reads one CRLF-terminated line (without the CRLF) if the buffer holds a whole one.
    /// A bare LF also ends a line: servers that send one are tolerated. Throws when no line
    /// end appears within `maximumLength` bytes.
    mutating func readProtocolLine(maximumLength: Int) throws(BenchError) -> String? {
        let view = readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > maximumLength {
                throw .limitExceeded("a line longer than \(maximumLength) bytes")
            }
            return nil
        }
        let lineLength = newline - view.startIndex
        guard lineLength <= maximumLength + 1 else {
            throw .limitExceeded("a line longer than \(maximumLength) bytes")
        }
        var bytes = view[view.startIndex..<newline]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        moveReaderIndex(forwardBy: lineLength + 1)
        return line
    }
}
