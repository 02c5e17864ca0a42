/// One unit of client input, as ``SMTPInputFramer`` cuts it according to its mode.
public enum SMTPFramedInput: Sendable, Equatable {
    /// A command line (or an AUTH response line), without its CRLF or LF.
    case line([UInt8])
    /// A line longer than the limit ended here; its bytes were discarded as they arrived.
    case overlongLine
    /// The next part of DATA content: dot-unstuffed, line endings as received.
    case messageContent([UInt8])
    /// DATA content just passed the size limit. Reported once; later content is counted but
    /// discarded, and ``endOfMessageData(_:)`` still follows at the end marker.
    case messageTooLarge
    /// The `CRLF . CRLF` end marker of DATA; the framer is back in line mode.
    case endOfMessageData(SMTPMessageDataSummary)
    /// The next octets of a BDAT chunk (RFC 3030), exactly as received.
    case chunkContent([UInt8])
    /// The last octet of a BDAT chunk was read; the framer is back in line mode.
    case endOfChunk
}

/// What the framer noticed about one DATA transfer, reported at its end marker.
public struct SMTPMessageDataSummary: Sendable, Equatable {
    /// Octets of content after dot-unstuffing, including any discarded beyond the limit.
    public var size: Int
    /// Whether ``size`` passed the limit (the content beyond it was discarded).
    public var exceededMaximumSize: Bool
    /// Whether a CR not followed by LF was seen.
    public var sawBareCarriageReturn: Bool
    /// Whether an LF not preceded by CR was seen.
    public var sawBareLineFeed: Bool
    /// Whether a line (counted in octets on the wire, CRLF included) passed the text line limit.
    public var exceededMaximumLineLength: Bool

    /// Creates a summary.
    public init(
        size: Int = 0, exceededMaximumSize: Bool = false, sawBareCarriageReturn: Bool = false,
        sawBareLineFeed: Bool = false, exceededMaximumLineLength: Bool = false
    ) {
        self.size = size
        self.exceededMaximumSize = exceededMaximumSize
        self.sawBareCarriageReturn = sawBareCarriageReturn
        self.sawBareLineFeed = sawBareLineFeed
        self.exceededMaximumLineLength = exceededMaximumLineLength
    }

    /// Whether a bare CR or a bare LF was seen.
    public var sawBareLineEnding: Bool { sawBareCarriageReturn || sawBareLineFeed }
}
