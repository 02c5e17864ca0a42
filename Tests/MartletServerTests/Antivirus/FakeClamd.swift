import NIOCore
import NIOPosix
import Locking

/// A clamd stand-in on 127.0.0.1 (or a UNIX socket): it decodes each INSTREAM it receives
/// (command, length-prefixed chunks, zero-length end) and answers `reply`, or stays silent
/// when `reply` is nil.
final class FakeClamd: Sendable {
    /// The payloads received, one per completed stream, and the chunk sizes they came in.
    private let streams = Locked<[(payload: [UInt8], chunkSizes: [Int])]>([])
    let reply: [UInt8]?

    /// The streams received so far.
    var received: [(payload: [UInt8], chunkSizes: [Int])] { streams.withLock { $0 } }

    private init(reply: [UInt8]?) { self.reply = reply }

    /// Runs `body` with a listening stand-in, at `unixSocket` if given, else on a TCP port.
    /// It serves from a channel handler on its event loop, not from Swift concurrency's few
    /// threads, which the rest of the suite may keep busy longer than the client's timeout.
    static func run<T: Sendable>(reply: String?, unixSocket: String? = nil,
                                 _ body: (FakeClamd, SocketAddress) async throws -> T) async throws -> T {
        let clamd = FakeClamd(reply: reply.map { Array($0.utf8) + [0] })
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Connection(clamd: clamd)) }
            }
        let server = if let unixSocket {
            try await bootstrap.bind(unixDomainSocketPath: unixSocket, cleanupExistingSocketFile: true).get()
        } else {
            try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        }
        guard let address = server.localAddress else { throw ChannelError.unknownLocalAddress }
        defer { server.close(promise: nil) }
        return try await body(clamd, address)
    }

    /// One client connection: decodes its stream, records it, answers and closes (or, silent,
    /// reads on without answering).
    private final class Connection: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let clamd: FakeClamd
        private var pending: [UInt8] = []
        private var decoder = StreamDecoder()
        private var finished = false

        init(clamd: FakeClamd) { self.clamd = clamd }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !finished else { return }
            pending += unwrapInboundIn(data).readableBytesView
            guard let stream = decoder.decode(&pending) else { return }
            finished = true
            clamd.streams.withLock { $0.append(stream) }
            guard let reply = clamd.reply else { return }
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: reply))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    /// The receiving side of INSTREAM, as clamd reads it.
    private struct StreamDecoder {
        var commandRead = false
        var payload: [UInt8] = []
        var chunkSizes: [Int] = []

        /// Consumes what it can of `bytes`; returns the payload once the end arrived.
        mutating func decode(_ bytes: inout [UInt8]) -> (payload: [UInt8], chunkSizes: [Int])? {
            if !commandRead {
                guard let nul = bytes.firstIndex(of: 0) else { return nil }
                precondition(Array(bytes[...nul]) == Array("zINSTREAM".utf8) + [0], "not an INSTREAM command")
                bytes.removeSubrange(...nul)
                commandRead = true
            }
            while bytes.count >= 4 {
                let length = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
                if length == 0 { return (payload, chunkSizes) }
                guard bytes.count >= 4 + length else { return nil }
                payload += bytes[4..<(4 + length)]
                chunkSizes.append(length)
                bytes.removeSubrange(0..<(4 + length))
            }
            return nil
        }
    }
}
