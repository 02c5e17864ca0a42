/// One input from libFuzzer, read as a header of option bits followed by the payload.
///
/// The first byte selects options (``flag(_:)``), the second how the payload is cut into
/// pieces (``chunks``), so one input explores both a configuration and the framing of its
/// bytes as they would arrive from a socket. Inputs shorter than the header have an empty
/// payload and all options off.
public struct FuzzInput: Sendable {
    /// How many leading bytes are options rather than payload.
    public static let headerLength = 2

    /// The option bits.
    public let options: UInt8
    /// The size of the pieces the payload is fed in; 0 feeds it whole.
    public let chunkSize: Int
    /// The bytes after the header.
    public let payload: [UInt8]

    /// Copies the input libFuzzer passes (a null pointer is an empty input).
    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: max(0, size))) } ?? []
        self.init(bytes)
    }

    /// Reads `bytes` as an input (for replaying a saved input in a test).
    public init(_ bytes: [UInt8]) {
        guard bytes.count >= Self.headerLength else {
            options = 0
            chunkSize = 0
            payload = bytes
            return
        }
        options = bytes[0]
        // Pieces of 1 to 63 bytes, or the whole payload at once when the low bits are 0.
        chunkSize = Int(bytes[1] & 0x3F)
        payload = Array(bytes[Self.headerLength...])
    }

    /// Whether option bit `bit` (0–7) is set.
    public func flag(_ bit: Int) -> Bool {
        options & (1 << UInt8(bit & 7)) != 0
    }

    /// The payload cut into the pieces it is fed in.
    public var chunks: [ArraySlice<UInt8>] {
        guard chunkSize > 0, !payload.isEmpty else { return [payload[...]] }
        return stride(from: 0, to: payload.count, by: chunkSize).map {
            payload[$0..<min($0 + chunkSize, payload.count)]
        }
    }

    /// The payload's lines, split at LF (a CR before it stays), for parsers that take one line.
    public var lines: [ArraySlice<UInt8>] {
        payload.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    }
}
