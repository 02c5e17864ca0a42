import MailCore

/// Cuts the raw bytes a client sends into command lines, DATA content or BDAT chunks,
/// according to the mode the session sets — never holding more than one line, and never a
/// whole message.
///
/// Feed it with ``append(_:)`` and pull units with ``next()`` until it returns `nil`. After
/// each unit the session may change the mode, so input is never framed ahead of the command
/// that decides how to read it. Modes:
/// - lines (the default): a line ends with LF, a CR before it is dropped. A line longer than
///   its limit (CRLF included) is discarded as it arrives and reported as
///   ``SMTPFramedInput/overlongLine`` where it ends.
/// - message data (after a DATA command is accepted): dot-unstuffed content up to `CRLF . CRLF`
///   (see `MessageDataDecoder`), then back to lines.
/// - chunk (after BDAT): exactly the announced octets, then back to lines.
/// - stopped (after STARTTLS is accepted): nothing is framed; ``takeBufferedBytes()`` hands
///   back whatever followed, which the client sent in plaintext after STARTTLS (RFC 3207 §6).
public struct SMTPInputFramer: Sendable {
    /// How the next input is read.
    public enum Mode: Sendable, Equatable {
        /// Lines of at most `maximumLength` octets, line ending included.
        case lines(maximumLength: Int)
        /// DATA content up to the end marker.
        case messageData
        /// A BDAT chunk with `remainingOctets` still to read; when `discarding`, the octets are
        /// consumed without being reported.
        case chunk(remainingOctets: Int, discarding: Bool)
        /// Nothing is framed.
        case stopped
    }

    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    /// Consumed bytes are dropped from the front of the buffer once there are this many.
    private static let compactionThreshold = 16_384

    /// The current mode.
    public private(set) var mode: Mode
    private let limits: Limits
    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Where the search for the next LF resumes, so a long partial line is scanned once.
    private var scanIndex = 0
    private var discardingOverlongLine = false
    private var dataDecoder: MessageDataDecoder?

    /// Creates a framer reading command lines, bounded by `limits` (command line length,
    /// message size, text line length).
    public init(limits: Limits) {
        self.limits = limits
        self.mode = .lines(maximumLength: limits.maxSMTPCommandLineLength)
    }

    /// The number of received bytes not framed yet.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Reads lines of at most `maximumLength` octets (the command line limit by default; the
    /// session raises it while an AUTH exchange runs).
    public mutating func readLines(maximumLength: Int? = nil) {
        mode = .lines(maximumLength: maximumLength ?? limits.maxSMTPCommandLineLength)
        scanIndex = readIndex
    }

    /// Reads DATA content next, bounded by the message size and text line limits.
    public mutating func readMessageData() {
        dataDecoder = MessageDataDecoder(
            maximumSize: limits.maxMessageSize, maximumLineLength: limits.maxSMTPTextLineLength)
        mode = .messageData
        scanIndex = readIndex
    }

    /// Reads a BDAT chunk of exactly `octets` octets next; with `discarding`, they are consumed
    /// but not reported (a refused BDAT still carries its chunk, RFC 3030 §2).
    public mutating func readChunk(octets: Int, discarding: Bool) {
        mode = .chunk(remainingOctets: max(0, octets), discarding: discarding)
        scanIndex = readIndex
    }

    /// Stops framing: ``next()`` returns `nil` until the mode is changed again.
    public mutating func stop() {
        mode = .stopped
    }

    /// Removes and returns every byte received but not framed.
    public mutating func takeBufferedBytes() -> [UInt8] {
        let rest = Array(buffer[readIndex...])
        buffer.removeAll(keepingCapacity: false)
        readIndex = 0
        scanIndex = 0
        discardingOverlongLine = false
        return rest
    }

    /// The next unit of input, or `nil` when more bytes are needed (or the framer is stopped).
    public mutating func next() -> SMTPFramedInput? {
        switch mode {
        case .lines(let maximumLength):
            return nextLine(maximumLength: maximumLength)
        case .messageData:
            return nextMessageData()
        case .chunk(let remaining, let discarding):
            return nextChunk(remaining: remaining, discarding: discarding)
        case .stopped:
            return nil
        }
    }

    // MARK: - Lines

    private mutating func nextLine(maximumLength: Int) -> SMTPFramedInput? {
        let searchStart = discardingOverlongLine ? readIndex : max(readIndex, scanIndex)
        guard let lineFeed = buffer[searchStart...].firstIndex(of: Self.lineFeed) else {
            scanIndex = buffer.count
            if discardingOverlongLine || buffer.count - readIndex >= maximumLength {
                // Too long already, whatever follows: drop it now rather than hold it.
                discardingOverlongLine = true
                readIndex = buffer.count
            }
            return nil
        }
        let lineStart = readIndex
        readIndex = lineFeed + 1
        scanIndex = readIndex
        if discardingOverlongLine || readIndex - lineStart > maximumLength {
            discardingOverlongLine = false
            return .overlongLine
        }
        var contentEnd = lineFeed
        if contentEnd > lineStart, buffer[contentEnd - 1] == Self.carriageReturn { contentEnd -= 1 }
        return .line(Array(buffer[lineStart..<contentEnd]))
    }

    // MARK: - DATA

    private mutating func nextMessageData() -> SMTPFramedInput? {
        guard var decoder = dataDecoder else {
            readLines()
            return nil
        }
        var output: [UInt8] = []
        if !decoder.ended, readIndex < buffer.count {
            let consumed = buffer.withUnsafeBufferPointer { whole in
                decoder.decode(UnsafeBufferPointer(rebasing: whole[readIndex...]), into: &output)
            }
            readIndex += consumed
        }
        let result: SMTPFramedInput?
        if !output.isEmpty {
            result = .messageContent(output)
        } else if decoder.sizeLimitPassedUnreported {
            decoder.sizeLimitPassedUnreported = false
            result = .messageTooLarge
        } else if decoder.ended {
            dataDecoder = nil
            readLines()
            return .endOfMessageData(decoder.summary)
        } else {
            result = nil
        }
        dataDecoder = decoder
        return result
    }

    // MARK: - BDAT

    private mutating func nextChunk(remaining: Int, discarding: Bool) -> SMTPFramedInput? {
        var remaining = remaining
        let available = min(remaining, buffer.count - readIndex)
        let start = readIndex
        readIndex += available
        remaining -= available
        if available > 0, !discarding {
            mode = .chunk(remainingOctets: remaining, discarding: discarding)
            return .chunkContent(Array(buffer[start..<readIndex]))
        }
        if remaining == 0 {
            readLines()
            return .endOfChunk
        }
        mode = .chunk(remainingOctets: remaining, discarding: discarding)
        return nil
    }

    // MARK: - Buffer

    private mutating func compact() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            readIndex = 0
            scanIndex = 0
        } else if readIndex >= Self.compactionThreshold {
            buffer.removeSubrange(0..<readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }
}
