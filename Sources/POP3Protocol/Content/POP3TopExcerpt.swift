/// What TOP sends of a message (RFC 1939 §7): the header, the blank line that ends it, and
/// the first lines of the body.
public enum POP3TopExcerpt {
    /// The header of `message` and the first `bodyLineCount` lines of its body, as stored
    /// (not byte-stuffed). A body shorter than `bodyLineCount` lines is given whole, and so is
    /// a message without a blank line (all header). To stream instead, use
    /// ``POP3MultilineEncoder/init(bodyLineLimit:)``.
    public static func cut(_ message: [UInt8], bodyLineCount: Int) -> ArraySlice<UInt8> {
        var counter = POP3TopLineCounter(bodyLineCount: bodyLineCount)
        var lineStart = message.startIndex
        while let lineFeed = message[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            let length = lineFeed - lineStart
            let isEmpty = length == 0 || (length == 1 && message[lineStart] == UInt8(ascii: "\r"))
            counter.lineEnded(isEmpty: isEmpty)
            lineStart = lineFeed + 1
            if counter.isComplete { return message[..<lineStart] }
        }
        return message[...]
    }
}
