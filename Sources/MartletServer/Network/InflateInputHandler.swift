import Logging
import NIOCore

/// Inflates the raw DEFLATE stream a peer sends (IMAP COMPRESS, RFC 4978 §4) and passes the
/// result on in pieces of at most `pieceSize` octets. Sits after TLS and before the protocol
/// handler.
///
/// A small input can inflate to a huge one (a decompression bomb), so inflation follows the
/// reads of the handler behind it, as a socket does: each read it asks for yields at most
/// one piece, and after each piece the next read goes through the whole pipeline again (the
/// server's channels read automatically). Input is read from the socket only once what
/// arrived is used up. So the handler behind keeps its read gating (it holds reads while its
/// session waits or the client does not read). A corrupt stream closes the connection.
final class InflateInputHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let inflater: RawInflater
    private let pieceSize: Int
    private let logger: Logger
    /// Compressed octets received and not yet inflated.
    private var compressed: ByteBuffer
    /// Whether the last piece filled up, so zlib may hold more output for the same input.
    private var outputMayRemain = false
    /// A read asked for by the handler behind that went on to the socket, unanswered (at
    /// first the one the socket may have been asked for before this handler was added).
    private var readRequested = true
    /// Whether a piece is to be passed on at the next turn of the event loop.
    private var deliveryScheduled = false
    private var streamEnded = false
    private var failed = false

    /// `pendingInput`: compressed octets that arrived before the handler was added (after
    /// the command that started compression); they are inflated first.
    init(pendingInput: [UInt8], pieceSize: Int, logger: Logger) throws(CompressionStreamError) {
        self.inflater = try RawInflater()
        self.pieceSize = max(64, pieceSize)
        self.logger = logger
        self.compressed = ByteBuffer(bytes: pendingInput)
    }

    /// Whether input is waiting to be inflated.
    private var hasInput: Bool { compressed.readableBytes > 0 || outputMayRemain }

    func handlerAdded(context: ChannelHandlerContext) {
        if hasInput { deliverSoon(context: context) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        var buffer = unwrapInboundIn(data)
        compressed.writeBuffer(&buffer)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        guard !failed, readRequested, hasInput else { return }
        readRequested = false
        deliver(context: context)
    }

    func read(context: ChannelHandlerContext) {
        guard !failed else { return }
        if hasInput {
            deliverSoon(context: context)
        } else {
            readRequested = true
            context.read()
        }
    }

    /// Answers a read from the input at hand on the next turn of the event loop, never from
    /// inside the read: the handler behind asks for reads while it handles its own state,
    /// and a piece must not reach it before that is done (nor recurse once per piece).
    private func deliverSoon(context: ChannelHandlerContext) {
        guard !deliveryScheduled else { return }
        deliveryScheduled = true
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let (handler, context) = bound.value
            handler.deliveryScheduled = false
            guard context.channel.isActive, !handler.failed else { return }
            handler.deliver(context: context)
        }
    }

    /// Inflates one piece and passes it on, then reads on through the whole pipeline (so
    /// the handler behind can hold the read); when nothing came of the input, reads more
    /// from the socket.
    private func deliver(context: ChannelHandlerContext) {
        if streamEnded {
            return fail("data after the end of the compressed stream", context: context)
        }
        var piece = context.channel.allocator.buffer(capacity: pieceSize)
        do {
            let status = try inflater.inflate(from: &compressed, into: &piece, maximumBytes: pieceSize)
            outputMayRemain = status == .outputFull
            if status == .streamEnded {
                streamEnded = true
                if compressed.readableBytes > 0 {
                    return fail("data after the end of the compressed stream", context: context)
                }
            }
        } catch {
            return fail("\(error)", context: context)
        }
        if compressed.readableBytes == 0 {
            compressed.clear()
        } else if compressed.readerIndex >= pieceSize {
            compressed.discardReadBytes()
        }
        if piece.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(piece))
            context.fireChannelReadComplete()
        }
        if failed || !context.channel.isActive { return }
        if piece.readableBytes > 0 || hasInput {
            context.pipeline.read()
        } else {
            readRequested = true
            context.read()
        }
    }

    private func fail(_ reason: String, context: ChannelHandlerContext) {
        failed = true
        compressed.clear()
        outputMayRemain = false
        logger.notice("closing the connection: corrupt compressed input", metadata: ["reason": "\(reason)"])
        context.close(promise: nil)
    }
}
