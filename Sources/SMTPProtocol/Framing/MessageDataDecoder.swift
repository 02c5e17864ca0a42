/// Decodes DATA content (RFC 5321 §4.1.1.4, §4.5.2): removes the transparency dot at the start
/// of a line and finds the `CRLF . CRLF` end marker, streaming content out as it arrives.
///
/// Only CRLF ends a line. A bare LF or a bare CR never ends the data and never starts a line
/// for dot handling, so `LF . LF`, `CRLF . LF` and `LF . CRLF` are content, not an end marker:
/// there is no way to make this server see the end of a message where another MTA would see
/// content, or the reverse (SMTP smuggling). Bare line endings are recorded so the session can
/// refuse the message.
struct MessageDataDecoder: Sendable {
    private enum Position: Sendable {
        /// Just after a CRLF (or at the start of the data).
        case lineStart
        /// A line started with a dot, and no CR has followed it yet.
        case dot
        /// A line started with a dot and a CR.
        case dotCarriageReturn
        /// Inside a line.
        case midLine
        /// A CR was read and the next byte decides whether it ends the line.
        case carriageReturn
    }

    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let period = UInt8(ascii: ".")

    private var position = Position.lineStart
    private var lineLength = 0
    private let maximumSize: Int
    private let maximumLineLength: Int

    /// What has been seen so far.
    private(set) var summary = SMTPMessageDataSummary()
    /// Whether the end marker was read.
    private(set) var ended = false
    /// Whether the size limit was passed and that has not been reported yet.
    var sizeLimitPassedUnreported = false

    init(maximumSize: Int, maximumLineLength: Int) {
        self.maximumSize = maximumSize
        self.maximumLineLength = maximumLineLength
    }

    /// Decodes from the start of `input`, appending content to `output`; stops after the end
    /// marker. Returns the number of input bytes consumed.
    mutating func decode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Int {
        var index = 0
        let count = input.count
        while index < count, !ended {
            let byte = input[index]
            switch position {
            case .midLine:
                var end = index
                while end < count, input[end] != Self.carriageReturn, input[end] != Self.lineFeed { end += 1 }
                if end > index {
                    emit(UnsafeBufferPointer(rebasing: input[index..<end]), into: &output)
                    countLineOctets(end - index)
                    index = end
                    continue
                }
                index += 1
                countLineOctets(1)
                if byte == Self.carriageReturn {
                    position = .carriageReturn
                } else {
                    summary.sawBareLineFeed = true
                    emit(byte, into: &output)
                }
            case .lineStart:
                index += 1
                countLineOctets(1)
                switch byte {
                case Self.period:
                    position = .dot
                case Self.carriageReturn:
                    position = .carriageReturn
                case Self.lineFeed:
                    summary.sawBareLineFeed = true
                    emit(byte, into: &output)
                    position = .midLine
                default:
                    emit(byte, into: &output)
                    position = .midLine
                }
            case .dot:
                // The line has more than the dot: the dot is removed (RFC 5321 §4.5.2).
                if byte == Self.carriageReturn {
                    index += 1
                    countLineOctets(1)
                    position = .dotCarriageReturn
                } else {
                    position = .midLine
                }
            case .dotCarriageReturn:
                if byte == Self.lineFeed {
                    index += 1
                    ended = true
                } else {
                    // ". CR x": the dot is removed and the CR is bare; x is read again mid-line.
                    summary.sawBareCarriageReturn = true
                    emit(Self.carriageReturn, into: &output)
                    position = .midLine
                }
            case .carriageReturn:
                if byte == Self.lineFeed {
                    index += 1
                    countLineOctets(1)
                    emit(Self.carriageReturn, into: &output)
                    emit(Self.lineFeed, into: &output)
                    lineLength = 0
                    position = .lineStart
                } else {
                    summary.sawBareCarriageReturn = true
                    emit(Self.carriageReturn, into: &output)
                    position = .midLine
                }
            }
        }
        return index
    }

    private mutating func countLineOctets(_ octets: Int) {
        lineLength += octets
        if lineLength > maximumLineLength { summary.exceededMaximumLineLength = true }
    }

    private mutating func emit(_ byte: UInt8, into output: inout [UInt8]) {
        summary.size += 1
        if summary.size <= maximumSize {
            output.append(byte)
        } else {
            noteSizeLimitPassed()
        }
    }

    private mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let room = max(0, maximumSize - summary.size)
        summary.size += bytes.count
        if bytes.count <= room {
            output.append(contentsOf: bytes)
        } else {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<room]))
            noteSizeLimitPassed()
        }
    }

    private mutating func noteSizeLimitPassed() {
        if !summary.exceededMaximumSize {
            summary.exceededMaximumSize = true
            sizeLimitPassedUnreported = true
        }
    }
}
