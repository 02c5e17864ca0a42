/// Turns message content into the DATA stream (RFC 5321 §4.1.1.4, §4.5.2), piece by piece so
/// that a message never has to be held whole: a `.` at the start of a line is doubled, line
/// endings are sent as CRLF only (§2.3.8: a bare CR or LF must not be sent), and the end is
/// marked with `CRLF . CRLF`. Pieces may be cut anywhere, even between CR and LF.
public struct SMTPDataEncoder: Sendable {
    private var atLineStart = true
    private var pendingCarriageReturn = false

    /// A new encoder, at the start of the content.
    public init() {}

    /// The wire form of the next piece of content.
    public mutating func encode(_ content: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(content.count + content.count / 64 + 4)
        for byte in content {
            if pendingCarriageReturn {
                pendingCarriageReturn = false
                endLine(into: &output)
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch byte {
            case UInt8(ascii: "\r"):
                pendingCarriageReturn = true
            case UInt8(ascii: "\n"):
                endLine(into: &output)
            default:
                if atLineStart, byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
                output.append(byte)
                atLineStart = false
            }
        }
        return output
    }

    /// The end of the content: a line ending if the content lacked a final one, then `.`.
    public mutating func finish() -> [UInt8] {
        var output: [UInt8] = []
        if pendingCarriageReturn || !atLineStart { endLine(into: &output) }
        pendingCarriageReturn = false
        output.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        return output
    }

    private mutating func endLine(into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\r"))
        output.append(UInt8(ascii: "\n"))
        atLineStart = true
    }
}
