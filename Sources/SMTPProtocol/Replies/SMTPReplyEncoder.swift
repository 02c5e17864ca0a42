/// Turns replies into bytes (RFC 5321 §4.2.1): `code-text` for every line but the last,
/// `code text` for the last, each ending in CRLF, with the enhanced status code in front of
/// the text of every line (RFC 2034 §4).
public enum SMTPReplyEncoder {
    /// The wire form of `reply`.
    ///
    /// Control characters in the text (a CR or LF echoed from a client's argument, say) are
    /// replaced by `?`, so a reply can never end early or smuggle a second reply.
    public static func encode(_ reply: SMTPReply) -> [UInt8] {
        var output = [UInt8]()
        let code = Array(String(min(max(reply.code, 100), 599)).utf8)
        let enhanced = reply.enhancedCode.map { Array($0.description.utf8) }
        let lines = reply.lines.isEmpty ? [""] : reply.lines
        output.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 16 })
        for (index, line) in lines.enumerated() {
            output.append(contentsOf: code)
            output.append(index == lines.count - 1 ? UInt8(ascii: " ") : UInt8(ascii: "-"))
            if let enhanced {
                output.append(contentsOf: enhanced)
                if !line.isEmpty { output.append(UInt8(ascii: " ")) }
            }
            for byte in line.utf8 {
                output.append(byte < 0x20 || byte == 0x7F ? UInt8(ascii: "?") : byte)
            }
            output.append(UInt8(ascii: "\r"))
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }
}
