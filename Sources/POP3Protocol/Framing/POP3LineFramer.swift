/// Cuts received bytes into lines of bounded length, holding at most one partial line.
///
/// A line ends with LF; a CR just before it is dropped. A line longer than the current limit
/// (line ending included, as RFC 2449 §4 counts) is dropped while it arrives and reported
/// as ``POP3FramedLine/overlongLine`` where it ends, so a client that never sends a line
/// ending cannot make the buffer grow. Once stopped (STLS accepted), nothing more is framed:
/// bytes behind the STLS line were sent in plaintext and must never be read (RFC 2595 §4).
struct POP3LineFramer: Sendable {
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    /// Consumed bytes are removed from the front of the buffer once there are this many.
    private static let compactionThreshold = 8192

    /// The longest line accepted, line ending included.
    var maximumLineLength: Int
    /// Whether framing stopped for good (STLS).
    private(set) var isStopped = false
    private var buffer: [UInt8] = []
    private var lineStart = 0
    /// Where the search for the next LF resumes, so a partial line is scanned only once.
    private var scanPosition = 0
    /// Whether the current line already passed the limit and is being dropped.
    private var droppingLine = false

    init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// The bytes received and not framed yet.
    var bufferedByteCount: Int { buffer.count - lineStart }

    /// Adds received bytes (ignored once stopped).
    mutating func append(_ bytes: some Collection<UInt8>) {
        guard !isStopped else { return }
        if lineStart == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            lineStart = 0
            scanPosition = 0
        } else if lineStart >= Self.compactionThreshold {
            buffer.removeSubrange(0..<lineStart)
            scanPosition -= lineStart
            lineStart = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next line, or `nil` when more bytes are needed or framing stopped.
    mutating func nextLine() -> POP3FramedLine? {
        guard !isStopped else { return nil }
        guard let lineFeed = buffer[max(lineStart, scanPosition)...].firstIndex(of: Self.lineFeed) else {
            scanPosition = buffer.count
            if droppingLine || buffer.count - lineStart >= maximumLineLength {
                // Already too long whatever follows: drop it now instead of holding it.
                droppingLine = true
                lineStart = buffer.count
            }
            return nil
        }
        let start = lineStart
        lineStart = lineFeed + 1
        scanPosition = lineStart
        if droppingLine || lineStart - start > maximumLineLength {
            droppingLine = false
            return .overlongLine
        }
        var end = lineFeed
        if end > start, buffer[end - 1] == Self.carriageReturn { end -= 1 }
        return .line(Array(buffer[start..<end]))
    }

    /// Stops framing for good and drops what is buffered; returns how many bytes were dropped.
    mutating func stop() -> Int {
        let dropped = bufferedByteCount
        isStopped = true
        buffer = []
        lineStart = 0
        scanPosition = 0
        droppingLine = false
        return dropped
    }
}
