/// Encodes a message (or any multi-line response body) for the wire, chunk by chunk: every
/// line that starts with `.` gets another `.` in front (RFC 1939 §3, byte-stuffing), line
/// endings become CRLF, and ``finish()`` ends the last line if needed and appends the
/// terminating `.` CRLF. State carries across chunks, so a chunk may end anywhere — in the
/// middle of a line, or between a CR and its LF.
///
/// The `+OK` line that precedes the content is not part of it. Octet counts announced in
/// LIST and STAT are exact for content stored with CRLF line endings and ending with CRLF;
/// a bare LF gets a CR, which adds to the octets sent.
///
/// With a `bodyLineLimit`, only what TOP sends is passed: the header, the blank line and
/// that many body lines; the rest is ignored and ``isComplete`` tells the caller it can stop
/// reading the message.
public struct POP3MultilineEncoder: Sendable {
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let dot = UInt8(ascii: ".")
    /// `.` CRLF.
    public static let terminator: [UInt8] = [UInt8(ascii: "."), 13, 10]

    private var atLineStart = true
    private var previousWasCarriageReturn = false
    /// Octets of the current line so far, as received.
    private var lineLength = 0
    private var topCounter: POP3TopLineCounter?
    /// Whether ``finish()`` was called.
    public private(set) var isFinished = false

    /// Creates an encoder; with `bodyLineLimit`, for TOP with that many body lines.
    public init(bodyLineLimit: Int? = nil) {
        topCounter = bodyLineLimit.map { POP3TopLineCounter(bodyLineCount: $0) }
    }

    /// Whether everything to be sent was passed: always false for a whole message, true for
    /// TOP once its last line ended. Later chunks are then ignored.
    public var isComplete: Bool { topCounter?.isComplete ?? false }

    /// The octets to send for the next chunk of content.
    public mutating func encode(_ chunk: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        encode(chunk, into: &output)
        return output
    }

    /// Appends the octets to send for the next chunk of content to `output`.
    public mutating func encode(_ chunk: some Collection<UInt8>, into output: inout [UInt8]) {
        guard !isFinished, !isComplete else { return }
        output.reserveCapacity(output.count + chunk.count + chunk.count / 64 + 2)
        let encodedInPlace: Void? = chunk.withContiguousStorageIfAvailable { encode(buffer: $0, into: &output) }
        if encodedInPlace == nil {
            Array(chunk).withUnsafeBufferPointer { encode(buffer: $0, into: &output) }
        }
    }

    /// The work of ``encode(_:into:)``, a line at a time: the octets of a line are copied in
    /// one run, and only line starts and line ends are looked at one by one.
    private mutating func encode(buffer bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var index = 0
        while index < bytes.count {
            if atLineStart && bytes[index] == Self.dot { output.append(Self.dot) }
            var end = index
            while end < bytes.count && bytes[end] != Self.lineFeed { end += 1 }
            if end > index {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                lineLength += end - index
                previousWasCarriageReturn = bytes[end - 1] == Self.carriageReturn
                atLineStart = false
            }
            // The chunk ends inside a line: the state carries it into the next chunk.
            guard end < bytes.count else { return }
            if !previousWasCarriageReturn { output.append(Self.carriageReturn) }
            output.append(Self.lineFeed)
            topCounter?.lineEnded(isEmpty: lineLength == 0 || (lineLength == 1 && previousWasCarriageReturn))
            atLineStart = true
            previousWasCarriageReturn = false
            lineLength = 0
            index = end + 1
            if isComplete { return }
        }
    }

    /// The octets that end the response: CRLF if the content did not end with a line ending
    /// (just LF if it ended with a CR), then `.` CRLF. Returns nothing when called again.
    public mutating func finish() -> [UInt8] {
        guard !isFinished else { return [] }
        isFinished = true
        var output: [UInt8] = []
        if !atLineStart {
            if !previousWasCarriageReturn { output.append(Self.carriageReturn) }
            output.append(Self.lineFeed)
        }
        return output + Self.terminator
    }

    /// The whole encoded response body for `content`: stuffed, ended, terminated.
    public static func encodeWhole(_ content: some Collection<UInt8>, bodyLineLimit: Int? = nil) -> [UInt8] {
        var encoder = POP3MultilineEncoder(bodyLineLimit: bodyLineLimit)
        var output = encoder.encode(content)
        output += encoder.finish()
        return output
    }
}
