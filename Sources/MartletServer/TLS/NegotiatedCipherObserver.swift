import NIOCore
import NIOSSL

/// The cipher suite a connection's TLS handshake chose, sent up the pipeline as a user
/// event before the handshake completes.
struct NegotiatedCipherEvent: Sendable {
    /// The suite's IANA name (`TLS_AES_256_GCM_SHA384`).
    let name: String
}

/// Sits between the socket and the TLS handler, reads the cipher suite from the ServerHello
/// the TLS handler writes (``TLSServerHelloScanner``), fires a ``NegotiatedCipherEvent`` and
/// removes itself. Writes pass through unchanged.
final class NegotiatedCipherObserver: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var scanner = TLSServerHelloScanner()
    private var done = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !done {
            let buffer = unwrapOutboundIn(data)
            switch scanner.scan(buffer.readableBytesView) {
            case .needMore:
                break
            case .found(let code):
                finish(context: context, event: NegotiatedCipherEvent(name: TLSCipherSuiteName.name(of: code)))
            case .notFound:
                finish(context: context, event: nil)
            }
        }
        context.write(data, promise: promise)
    }

    /// Fires the event and leaves the pipeline once the current write is done (not from
    /// inside the TLS handler's own write).
    private func finish(context: ChannelHandlerContext, event: NegotiatedCipherEvent?) {
        done = true
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let context = bound.value
            if let event { context.fireUserInboundEventTriggered(event) }
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }
}

extension ChannelPipeline.SynchronousOperations {
    /// Puts a server TLS handler at the front of the pipeline (next to the socket), with a
    /// ``NegotiatedCipherObserver`` in front of it.
    func addServerTLSHandlers(context tlsContext: NIOSSLContext) throws {
        try addHandler(NIOSSLServerHandler(context: tlsContext), position: .first)
        try addHandler(NegotiatedCipherObserver(), position: .first)
    }
}
