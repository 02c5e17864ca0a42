/// The DATA transparency procedure of RFC 5321 §4.5.2: a line starting with "." gets one
/// more "." in front, and the data ends with CRLF "." CRLF.
enum DotStuffing {
    /// The line that ends the data (sent after the stuffed message, which ends with CRLF).
    static let terminator = ".\r\n"

    /// `message` (CRLF lines) made safe to send after DATA, ending with CRLF; the
    /// terminator is sent separately so its moment can be timed.
    static func stuff(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 64)
        var atLineStart = true
        for byte in message {
            if atLineStart, byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if !atLineStart { output.append(contentsOf: [13, 10]) }
        return output
    }
}
