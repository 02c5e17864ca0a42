import Logging
import NIOCore

/// Deflates everything written through it into one raw DEFLATE stream (IMAP COMPRESS,
/// RFC 4978 §4) and ends each flush with a sync flush, so the peer can inflate every
/// response at once without waiting for more. Sits after TLS (compression happens before
/// encryption) and before the protocol handler.
///
/// Output goes down in pieces of at most `pieceSize` octets, so one large response never
/// sits in one growing buffer. The promises of writes complete with the flush that sends
/// their last octets.
final class DeflateOutputHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let deflater: RawDeflater
    private let pieceSize: Int
    private let logger: Logger
    /// Whether data was written since the last flush.
    private var hasUnflushedInput = false
    /// Promises of writes whose octets the next flush completes.
    private var unflushedPromises: [EventLoopPromise<Void>] = []
    private var failed = false

    init(pieceSize: Int, logger: Logger) throws(CompressionStreamError) {
        self.deflater = try RawDeflater()
        self.pieceSize = max(64, pieceSize)
        self.logger = logger
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !failed else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        var input = unwrapOutboundIn(data)
        hasUnflushedInput = true
        if let promise { unflushedPromises.append(promise) }
        deflate(&input, flush: false, context: context)
    }

    func flush(context: ChannelHandlerContext) {
        if hasUnflushedInput, !failed {
            hasUnflushedInput = false
            var nothing = ByteBuffer()
            deflate(&nothing, flush: true, context: context)
        }
        context.flush()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failPromises(ChannelError.ioOnClosedChannel)
    }

    /// Deflates `input` and writes the output pieces; a flush's last piece carries the
    /// promises of the writes it completes.
    private func deflate(_ input: inout ByteBuffer, flush: Bool, context: ChannelHandlerContext) {
        var previous: ByteBuffer?
        while true {
            var piece = context.channel.allocator.buffer(capacity: pieceSize)
            let status: RawDeflater.Status
            do {
                status = try deflater.deflate(from: &input, into: &piece, maximumBytes: pieceSize, flush: flush)
            } catch {
                fail(error, context: context)
                return
            }
            if piece.readableBytes > 0 {
                if let previous { context.write(wrapOutboundOut(previous), promise: nil) }
                previous = piece
            }
            if status == .done { break }
        }
        let promise = flush ? takePromises(context: context) : nil
        if let previous {
            context.write(wrapOutboundOut(previous), promise: promise)
        } else {
            promise?.succeed()
        }
    }

    /// One promise that completes those of the writes flushed now; nil when there are none.
    private func takePromises(context: ChannelHandlerContext) -> EventLoopPromise<Void>? {
        guard !unflushedPromises.isEmpty else { return nil }
        let combined = context.eventLoop.makePromise(of: Void.self)
        for promise in unflushedPromises { combined.futureResult.cascade(to: promise) }
        unflushedPromises = []
        return combined
    }

    private func fail(_ error: CompressionStreamError, context: ChannelHandlerContext) {
        failed = true
        logger.error("closing the connection: output compression failed", metadata: ["error": "\(error)"])
        failPromises(error)
        context.close(promise: nil)
    }

    private func failPromises(_ error: any Error) {
        let promises = unflushedPromises
        unflushedPromises = []
        for promise in promises { promise.fail(error) }
    }
}
