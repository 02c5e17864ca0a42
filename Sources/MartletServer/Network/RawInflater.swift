import CZlib
import NIOCore

/// Inflates one raw DEFLATE stream (RFC 1951: no zlib or gzip wrapper, as IMAP COMPRESS
/// uses, RFC 4978 §4) with the system zlib, a bounded piece of output at a time.
/// Not thread-safe: it belongs to one connection's event loop.
final class RawInflater {
    /// Where a call to ``inflate(from:into:maximumBytes:)`` stopped.
    enum Status: Equatable {
        /// All input was used and the output has room: more input is needed.
        case needsInput
        /// The output piece is full; call again (with or without new input) for more.
        case outputFull
        /// The peer ended the stream (a final block); nothing may follow it.
        case streamEnded
    }

    private let stream: ZlibStream

    init() throws(CompressionStreamError) {
        stream = try ZlibStream(start: { martlet_inflateInitRaw($0) }, end: { inflateEnd($0) })
    }

    /// Inflates the readable bytes of `input` (moving its reader index past what was used)
    /// and appends at most `maximumBytes` of output to `output`.
    func inflate(from input: inout ByteBuffer, into output: inout ByteBuffer,
                 maximumBytes: Int) throws(CompressionStreamError) -> Status {
        let (result, outputFull) = stream.process(&input, into: &output, room: max(1, maximumBytes)) {
            CZlib.inflate($0, Z_NO_FLUSH)
        }
        switch result {
        case Z_STREAM_END:
            return .streamEnded
        case Z_OK where outputFull:
            return .outputFull
        case Z_OK, Z_BUF_ERROR:
            // Z_BUF_ERROR: no progress was possible, which with room to write means the
            // input ran out (zlib holds a partial block until more comes).
            return .needsInput
        default:
            throw stream.error(result)
        }
    }
}
