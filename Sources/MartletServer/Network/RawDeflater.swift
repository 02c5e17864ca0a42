import CZlib
import NIOCore

/// Deflates into one raw DEFLATE stream (RFC 1951: no zlib or gzip wrapper, as IMAP
/// COMPRESS uses, RFC 4978 §4) with the system zlib, a bounded piece of output at a time.
/// Not thread-safe: it belongs to one connection's event loop.
final class RawDeflater {
    /// Where a call to ``deflate(from:into:maximumBytes:flush:)`` stopped.
    enum Status: Equatable {
        /// All input was taken (and, when flushing, all of it is in the output).
        case done
        /// The output piece is full; call again with the same `flush` for more.
        case outputFull
    }

    private let stream: ZlibStream

    /// A deflater with zlib's default level (6), a 32 KiB window and memory level 8 (about
    /// 256 KiB of state).
    init(level: Int32 = Z_DEFAULT_COMPRESSION, windowBits: Int32 = MAX_WBITS,
         memoryLevel: Int32 = 8) throws(CompressionStreamError) {
        stream = try ZlibStream(start: { martlet_deflateInitRaw($0, level, windowBits, memoryLevel) },
                                end: { deflateEnd($0) })
    }

    /// Deflates the readable bytes of `input` (moving its reader index past what was taken)
    /// and appends at most `maximumBytes` of output to `output`. With `flush`, everything
    /// given so far is completed with a sync flush (Z_SYNC_FLUSH: the output ends on a byte
    /// boundary with an empty stored block, so the peer can inflate all of it now).
    func deflate(from input: inout ByteBuffer, into output: inout ByteBuffer,
                 maximumBytes: Int, flush: Bool) throws(CompressionStreamError) -> Status {
        // More than six octets, so a sync flush never ends in a repeated marker (zlib manual).
        let (result, outputFull) = stream.process(&input, into: &output, room: max(16, maximumBytes)) {
            CZlib.deflate($0, flush ? Z_SYNC_FLUSH : Z_NO_FLUSH)
        }
        switch result {
        case Z_OK where outputFull:
            return .outputFull
        case Z_OK, Z_BUF_ERROR:
            // Z_BUF_ERROR: nothing to do (no input and nothing pending since the last flush).
            return .done
        default:
            throw stream.error(result)
        }
    }
}
