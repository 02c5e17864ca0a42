/// The bytes a client sends clamd to have a message scanned: the `zINSTREAM` command, then the
/// message in chunks, each preceded by its length as a 4-byte unsigned integer in network
/// byte order, then a chunk of length zero that ends the stream (clamd(8), "INSTREAM").
///
/// The `z` prefix asks clamd to end its reply with a NUL rather than a newline, so a reply
/// can never be confused with a partial line. clamd refuses a stream longer than its
/// `StreamMaxLength` (25 MiB by default) with `INSTREAM size limit exceeded. ERROR`.
public enum ClamdStreamEncoder {
    /// `zINSTREAM` and its NUL terminator.
    public static let instreamCommand: [UInt8] = Array("zINSTREAM".utf8) + [0]

    /// The zero-length chunk that ends the stream.
    public static let endOfStream: [UInt8] = [0, 0, 0, 0]

    /// The chunk size used when nothing else is asked for: 64 KiB, small enough to keep
    /// memory flat, large enough that the 4-byte headers cost nothing.
    public static let defaultChunkSize = 65_536

    /// The 4-byte big-endian length that precedes a chunk of `byteCount` octets.
    public static func chunkHeader(byteCount: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: byteCount >> 24), UInt8(truncatingIfNeeded: byteCount >> 16),
         UInt8(truncatingIfNeeded: byteCount >> 8), UInt8(truncatingIfNeeded: byteCount)]
    }

    /// One chunk: its length, then its octets. An empty `bytes` gives nothing, since a
    /// zero-length chunk would end the stream.
    public static func chunk(_ bytes: some Collection<UInt8>) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        return chunkHeader(byteCount: UInt32(clamping: bytes.count)) + bytes
    }

    /// The whole exchange for a message held in memory: the command, the message in chunks
    /// of at most `chunkSize` octets, and the end of the stream.
    public static func stream(of message: [UInt8], chunkSize: Int = defaultChunkSize) -> [UInt8] {
        let size = max(1, min(chunkSize, Int(UInt32.max)))
        var bytes = instreamCommand
        bytes.reserveCapacity(instreamCommand.count + message.count + (message.count / size + 2) * 4)
        var start = 0
        while start < message.count {
            let end = min(start + size, message.count)
            bytes += chunk(message[start..<end])
            start = end
        }
        return bytes + endOfStream
    }
}
