import NIOCore

/// Reads one POP3 response. With `multiline`, a `+OK` is followed by data lines up to a
/// line holding only "."; lines starting with "." lose that first "." (RFC 1939 §3).
/// Data lines are kept only with `keepLines` (CAPA, LIST); a message (RETR) is only counted.
struct POP3ResponseDecoder: InboundFrameDecoder {
    private let multiline: Bool
    private let keepLines: Bool
    private var response: POP3Response?

    init(multiline: Bool = false, keepLines: Bool = false) {
        self.multiline = multiline
        self.keepLines = keepLines
    }

    mutating func decode(_ buffer: inout ByteBuffer) throws(BenchError) -> POP3Response? {
        if response == nil {
            guard let line = try buffer.readProtocolLine(maximumLength: BenchLimits.maximumLineLength) else { return nil }
            let status = try Self.parseStatus(line)
            if !multiline || !status.isOK { return status }
            response = status
        }
        while var current = response {
            let view = buffer.readableBytesView
            guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
                if view.count > BenchLimits.maximumLineLength {
                    throw .limitExceeded("a POP3 data line longer than \(BenchLimits.maximumLineLength) bytes")
                }
                return nil
            }
            var line = view[view.startIndex..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            buffer.moveReaderIndex(forwardBy: newline - view.startIndex + 1)
            if line.count == 1, line.first == UInt8(ascii: ".") {
                response = nil
                return current
            }
            if line.first == UInt8(ascii: ".") { line = line.dropFirst() }
            current.dataByteCount += line.count + 2
            if keepLines {
                guard current.lines.count < BenchLimits.maximumLinesPerReply else {
                    throw .limitExceeded("a POP3 response of more than \(BenchLimits.maximumLinesPerReply) lines")
                }
                current.lines.append(String(decoding: line, as: UTF8.self))
            }
            response = current
        }
        return nil
    }

    /// The status line: `+OK text` or `-ERR text` (the keyword in any case).
    static func parseStatus(_ line: String) throws(BenchError) -> POP3Response {
        let keyword = line.prefix { $0 != " " }.uppercased()
        let text = String(line.dropFirst(keyword.count).drop { $0 == " " })
        switch keyword {
        case "+OK": return POP3Response(isOK: true, text: text)
        case "-ERR": return POP3Response(isOK: false, text: text)
        default: throw .malformedReply("not a POP3 status line: \(line.prefix(80))")
        }
    }
}
