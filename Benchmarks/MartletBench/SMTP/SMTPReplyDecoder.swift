import NIOCore

/// Reads `count` consecutive SMTP replies (more than one when commands were pipelined,
/// RFC 2920). A reply is one or more lines `ddd-text` ending with a line `ddd text` or
/// `ddd` (RFC 5321 §4.2.1); every line of a reply must carry the same code.
struct SMTPReplyDecoder: InboundFrameDecoder {
    private let count: Int
    private var replies: [SMTPReply] = []
    private var currentCode: Int?
    private var currentLines: [String] = []

    init(count: Int = 1) {
        self.count = max(1, count)
    }

    mutating func decode(_ buffer: inout ByteBuffer) throws(BenchError) -> [SMTPReply]? {
        while replies.count < count {
            guard let line = try buffer.readProtocolLine(maximumLength: BenchLimits.maximumLineLength) else {
                return nil
            }
            try consume(line)
        }
        return replies
    }

    private mutating func consume(_ line: String) throws(BenchError) {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(bytes[0])
        else {
            throw .malformedReply("not an SMTP reply line: \(line.prefix(80))")
        }
        let code = Int(bytes[0] - 48) * 100 + Int(bytes[1] - 48) * 10 + Int(bytes[2] - 48)
        if let currentCode, currentCode != code {
            throw .malformedReply("reply code changed from \(currentCode) to \(code) inside one reply")
        }
        let isLast: Bool
        switch bytes.count > 3 ? bytes[3] : UInt8(ascii: " ") {
        case UInt8(ascii: " "): isLast = true
        case UInt8(ascii: "-"): isLast = false
        default: throw .malformedReply("no space or hyphen after the reply code: \(line.prefix(80))")
        }
        currentCode = code
        currentLines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        guard currentLines.count <= BenchLimits.maximumLinesPerReply else {
            throw .limitExceeded("an SMTP reply of more than \(BenchLimits.maximumLinesPerReply) lines")
        }
        if isLast {
            replies.append(SMTPReply(code: code, lines: currentLines))
            currentCode = nil
            currentLines = []
        }
    }
}
