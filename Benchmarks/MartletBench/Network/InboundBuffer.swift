import NIOCore
import NIOSSL

/// The last handler of a client connection's pipeline: it keeps the bytes the server sent
/// until a waiting decoder has a complete answer, fails that wait on timeout, close or
/// error, and cuts off a server that sends more than `BenchLimits.maximumBufferedBytes`
/// nobody asked for. Used only on its channel's event loop.
final class InboundBuffer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// A pending read: `attempt` runs the decoder over the buffer and reports whether the
    /// wait is over (answered or failed); `fail` ends it with an error.
    private struct Waiter {
        let attempt: (inout ByteBuffer) -> Bool
        let fail: (BenchError) -> Void
        let timeout: Scheduled<Void>?
    }

    private var buffer = ByteBuffer()
    private var waiter: Waiter?
    private var context: ChannelHandlerContext?
    /// Set once the connection can deliver nothing more; every later read fails with it.
    private var terminalError: BenchError?
    /// Bytes received and not yet consumed by a decoder.
    var bufferedByteCount: Int { buffer.readableBytes }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish(with: .connectionClosed)
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        if buffer.readableBytes > BenchLimits.maximumBufferedBytes {
            finish(with: .limitExceeded("more than \(BenchLimits.maximumBufferedBytes) unread bytes from the server"))
            context.close(promise: nil)
            return
        }
        serveWaiter()
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(with: .connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let tlsError = error as? NIOSSLError {
            finish(with: .tlsFailed(String(describing: tlsError)))
        } else if error is NIOSSLExtraError {
            finish(with: .tlsFailed(String(describing: error)))
        } else {
            finish(with: .connectFailed(String(describing: error)))
        }
        context.close(promise: nil)
    }

    /// Waits for `decoder` to produce an answer from the bytes received so far and later.
    func wait<Decoder: InboundFrameDecoder>(
        for decoder: Decoder, promise: EventLoopPromise<Decoder.Output>, timeout: TimeAmount
    ) {
        if let terminalError, buffer.readableBytes == 0 {
            promise.fail(terminalError)
            return
        }
        guard waiter == nil else {
            promise.fail(BenchError.malformedReply("a second read was started while one was pending"))
            return
        }
        var decoder = decoder
        let attempt: (inout ByteBuffer) -> Bool = { buffer in
            do throws(BenchError) {
                guard let output = try decoder.decode(&buffer) else { return false }
                promise.succeed(output)
            } catch {
                promise.fail(error)
            }
            return true
        }
        let scheduled = context.map { context in
            let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
            return context.eventLoop.scheduleTask(in: timeout) { handler.value.timeOut() }
        }
        waiter = Waiter(attempt: attempt, fail: { promise.fail($0) }, timeout: scheduled)
        serveWaiter()
        if waiter != nil, let terminalError {
            // Nothing more will arrive: what is buffered did not complete the answer.
            finish(with: terminalError)
        }
    }

    /// Throws if any byte is buffered: used right before TLS starts, when the server must
    /// be silent (anything it sent now would be plaintext injected ahead of the handshake).
    func requireEmpty() throws(BenchError) {
        if buffer.readableBytes > 0 { throw .dataBeforeTLS(buffer.readableBytes) }
    }

    private func serveWaiter() {
        guard let current = waiter else { return }
        let done = current.attempt(&buffer)
        if buffer.readerIndex > 65_536 || buffer.readableBytes == 0 { buffer.discardReadBytes() }
        if done {
            current.timeout?.cancel()
            waiter = nil
        }
    }

    private func timeOut() {
        guard let current = waiter else { return }
        waiter = nil
        terminalError = .timedOut
        current.fail(.timedOut)
        context?.close(promise: nil)
    }

    private func finish(with error: BenchError) {
        if terminalError == nil { terminalError = error }
        guard let current = waiter else { return }
        // Bytes that arrived with the close may still complete the answer.
        if current.attempt(&buffer) {
            current.timeout?.cancel()
            waiter = nil
            return
        }
        current.timeout?.cancel()
        waiter = nil
        current.fail(terminalError ?? error)
    }
}
