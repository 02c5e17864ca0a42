import NIOCore

/// Closes a connection whose output the client does not read once more than `maximumBytes`
/// are waiting to be sent (`[limits] max_unsent_bytes`): the protocol handlers stop reading
/// while the socket is not writable, so only one answer can pile up, but a client must not
/// make the server hold an unbounded one either.
final class UnsentOutputLimitHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let maximumBytes: Int
    private var unsentBytes = 0

    init(maximumBytes: Int) {
        self.maximumBytes = max(1, maximumBytes)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let size = unwrapOutboundIn(data).readableBytes
        unsentBytes += size
        guard unsentBytes <= maximumBytes else {
            unsentBytes -= size
            promise?.fail(ChannelError.outputClosed)
            context.close(promise: nil)
            return
        }
        let written = promise ?? context.eventLoop.makePromise()
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in bound.value.unsentBytes -= size }
        context.write(data, promise: written)
    }
}
