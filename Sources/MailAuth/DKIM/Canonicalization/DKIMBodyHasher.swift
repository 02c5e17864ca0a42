/// Canonicalizes a message body (RFC 6376 §3.4.3, §3.4.4) and hashes it as it is fed, in
/// chunks of any size, for the `bh=` tag. With a length limit (`l=`, §3.5) only that many
/// canonical octets are hashed; the rest is still counted.
///
/// Line ends are CRLF; a bare LF is read as CRLF, a bare CR is an ordinary octet.
public struct DKIMBodyHasher {
    /// The result of hashing a body.
    public struct Result: Sendable, Hashable {
        /// The hash of the canonical body (of its first `l=` octets when limited).
        public let digest: [UInt8]
        /// How many octets the whole canonical body has.
        public let canonicalLength: Int
        /// How many of them were hashed.
        public let hashedLength: Int
    }

    private let canonicalization: DKIMCanonicalization
    private let lengthLimit: Int?
    private var hash: DKIMHashFunction
    private var buffer: [UInt8] = []
    private var canonicalLength = 0
    private var hashedLength = 0
    /// Empty lines seen but not yet written: trailing empty lines are dropped.
    private var pendingEmptyLines = 0
    /// Relaxed: whitespace seen in the line but not yet written as one space.
    private var pendingWhitespace = false
    private var pendingCarriageReturn = false
    private var lineHasContent = false

    private static let bufferSize = 16 * 1024

    /// A hasher for `canonicalization` and `hashAlgorithm`; `lengthLimit` is the `l=` value.
    public init(canonicalization: DKIMCanonicalization, hashAlgorithm: DKIMHashAlgorithm, lengthLimit: Int? = nil) {
        self.canonicalization = canonicalization
        self.lengthLimit = lengthLimit.map { max(0, $0) }
        hash = DKIMHashFunction(hashAlgorithm)
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Feeds the next bytes of the body.
    public mutating func update(_ chunk: some Collection<UInt8>) {
        let handled: Void? = chunk.withContiguousStorageIfAvailable { update(buffer: $0) }
        if handled == nil { Array(chunk).withUnsafeBufferPointer { update(buffer: $0) } }
    }

    /// Ends the body and returns its hash.
    public mutating func finalize() -> Result {
        if pendingCarriageReturn {
            pendingCarriageReturn = false
            content(RawMessage.carriageReturn)
        }
        // A last line without CRLF gets one (§3.4.3, §3.4.4); trailing whitespace is dropped.
        if lineHasContent { emitLineEnd() }
        // Simple canonicalization turns an empty body into one CRLF (§3.4.3).
        if canonicalization == .simple && canonicalLength == 0 { emitLineEnd() }
        flush()
        return Result(digest: hash.finalize(), canonicalLength: canonicalLength, hashedLength: hashedLength)
    }

    private mutating func update(buffer bytes: UnsafeBufferPointer<UInt8>) {
        let relaxed = canonicalization == .relaxed
        for byte in bytes {
            if pendingCarriageReturn {
                pendingCarriageReturn = false
                if byte == RawMessage.lineFeed {
                    endLine()
                    continue
                }
                content(RawMessage.carriageReturn)
            }
            switch byte {
            case RawMessage.carriageReturn: pendingCarriageReturn = true
            case RawMessage.lineFeed: endLine()
            case RawMessage.space, RawMessage.tab:
                // A `where` would bind to the tab pattern alone, so the test is inside.
                if relaxed { pendingWhitespace = true } else { content(byte) }
            default: content(byte)
            }
        }
    }

    @inline(__always) private mutating func content(_ byte: UInt8) {
        while pendingEmptyLines > 0 {
            emitLineEnd()
            pendingEmptyLines -= 1
        }
        if pendingWhitespace {
            emit(RawMessage.space)
            pendingWhitespace = false
        }
        emit(byte)
        lineHasContent = true
    }

    private mutating func endLine() {
        // Relaxed: whitespace at the end of a line is ignored (§3.4.4).
        pendingWhitespace = false
        if lineHasContent {
            emitLineEnd()
            lineHasContent = false
        } else {
            pendingEmptyLines += 1
        }
    }

    private mutating func emitLineEnd() {
        emit(RawMessage.carriageReturn)
        emit(RawMessage.lineFeed)
    }

    @inline(__always) private mutating func emit(_ byte: UInt8) {
        buffer.append(byte)
        canonicalLength += 1
        if buffer.count >= Self.bufferSize { flush() }
    }

    private mutating func flush() {
        var count = buffer.count
        if let lengthLimit { count = min(count, max(0, lengthLimit - hashedLength)) }
        if count > 0 { hash.update(buffer[0..<count]) }
        hashedLength += count
        buffer.removeAll(keepingCapacity: true)
    }
}
