import NIOCore
import NIOPosix
import Testing
@testable import MartletServer

/// A client that does not read what the server sends: once more than the cap waits to be
/// sent, the server closes the connection instead of holding more.
@Suite struct UnsentOutputLimitTests {
    /// Writes 256 KiB chunks until the channel closes (or 64 MiB were written).
    private final class Flooder: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        func channelActive(context: ChannelHandlerContext) {
            let chunk = context.channel.allocator.buffer(repeating: UInt8(ascii: "x"), count: 262_144)
            for _ in 0..<256 where context.channel.isActive {
                context.writeAndFlush(wrapOutboundOut(chunk), promise: nil)
            }
        }
    }

    @Test func aClientThatDoesNotReadIsClosedAtTheCap() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let serverClosed = group.next().makePromise(of: Void.self)
        let server = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.closeFuture.cascade(to: serverClosed)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UnsentOutputLimitHandler(maximumBytes: 2_097_152))
                    try channel.pipeline.syncOperations.addHandler(Flooder())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        // The client never reads: autoRead off and no read() call.
        let client = try await ClientBootstrap(group: group)
            .channelOption(.autoRead, value: false)
            .channelOption(.socketOption(.so_rcvbuf), value: 65_536)
            .connect(host: "127.0.0.1", port: port).get()
        let closed = try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                try await serverClosed.futureResult.get()
                return true
            }
            tasks.addTask {
                try await Task.sleep(for: .seconds(30))
                return false
            }
            let first = try await tasks.next() ?? false
            tasks.cancelAll()
            return first
        }
        #expect(closed, "the server kept the connection open with 64 MiB unsent")
        try? await client.close()
        try? await server.close()
    }
}
