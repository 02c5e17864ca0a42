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
    static func run<T: Sendable>(reply: String?, unixSocket: String? = nil,
                                 _ body: (FakeClamd, SocketAddress) async throws -> T) async throws -> T {
        let clamd = FakeClamd(reply: reply.map { Array($0.utf8) + [0] })
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        let wrap: @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<ByteBuffer, ByteBuffer>> = { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel(wrappingChannelSynchronously: channel) }
        }
        let server = if let unixSocket {
            try await bootstrap.bind(unixDomainSocketPath: unixSocket, cleanupExistingSocketFile: true, childChannelInitializer: wrap)
        } else {
            try await bootstrap.bind(host: "127.0.0.1", port: 0, childChannelInitializer: wrap)
        }
        guard let address = server.channel.localAddress else { throw ChannelError.unknownLocalAddress }
        let serving = Task {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { try? await clamd.serve(connection) }
                    }
                }
            }
        }
        defer {
            serving.cancel()
            server.channel.close(promise: nil)
        }
        return try await body(clamd, address)
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var pending: [UInt8] = []
            var decoder = StreamDecoder()
            for try await buffer in inbound {
                pending += buffer.readableBytesView
                guard let stream = decoder.decode(&pending) else { continue }
                streams.withLock { $0.append(stream) }
                guard let reply else { continue }
                try await outbound.write(ByteBuffer(bytes: reply))
                return
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
