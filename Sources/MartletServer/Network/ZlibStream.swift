import CZlib
import NIOCore

/// A zlib stream (`z_stream`) at a fixed address, as zlib keeps pointers into it: set up by
/// the `start` given (deflateInit2 or inflateInit2) and ended by `end` when released; and
/// one zlib call over the readable bytes of a ByteBuffer into another's free space.
/// Not thread-safe: it belongs to one connection's event loop.
final class ZlibStream {
    private let stream: UnsafeMutablePointer<z_stream>
    private let end: (z_streamp) -> Int32

    init(start: (z_streamp) -> Int32, end: @escaping (z_streamp) -> Int32) throws(CompressionStreamError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.end = end
        let result = start(stream)
        guard result == Z_OK else {
            let error = CompressionStreamError(code: result, stream: stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw error
        }
    }

    deinit {
        _ = end(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Runs `step` (a deflate or inflate call) with the readable bytes of `input` as its
    /// input and `room` octets of `output` as its output space; moves `input`'s reader
    /// index past what zlib used and `output`'s writer index past what it wrote. Returns
    /// zlib's result and whether the output space filled up.
    func process(_ input: inout ByteBuffer, into output: inout ByteBuffer, room: Int,
                 step: (z_streamp) -> Int32) -> (result: Int32, outputFull: Bool) {
        var result = Z_OK
        var used = 0
        input.withUnsafeReadableBytes { source in
            _ = output.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { target in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = UInt32(source.count)
                stream.pointee.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = UInt32(room)
                result = step(stream)
                used = source.count - Int(stream.pointee.avail_in)
                return room - Int(stream.pointee.avail_out)
            }
        }
        input.moveReaderIndex(forwardBy: used)
        return (result, stream.pointee.avail_out == 0)
    }

    /// The error of a failed call, with zlib's message.
    func error(_ code: Int32) -> CompressionStreamError {
        CompressionStreamError(code: code, stream: stream)
    }
}
