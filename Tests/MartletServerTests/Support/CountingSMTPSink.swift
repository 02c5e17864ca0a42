import NIOCore
import NIOPosix
import Locking

/// A minimal SMTP server on loopback for the outbound tests: it accepts every transaction,
/// counts connections, messages and QUITs, and can drop its open connections on demand.
final class CountingSMTPSink: Sendable {
    struct Counts: Sendable, Equatable {
        var connections = 0
        var messages = 0
        var quits = 0
    }

    private let counts = Locked(Counts())
    private let openChannels = Locked<[ObjectIdentifier: any Channel]>([:])
    private let serverChannel: any Channel
    let port: Int

    init(group: any EventLoopGroup) async throws {
        let box = Locked<CountingSMTPSink?>(nil)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sink = box.withLock { $0 }
                    try channel.pipeline.syncOperations.addHandler(SinkSessionHandler(sink: sink))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        serverChannel = channel
        port = channel.localAddress?.port ?? 0
        box.withLock { $0 = self }
    }

    var current: Counts { counts.withLock { $0 } }

    /// Closes every client connection (as a server does to idle sessions).
    func dropConnections() async {
        let channels = openChannels.withLock { Array($0.values) }
        for channel in channels { try? await channel.close() }
    }

    func stop() async {
        await dropConnections()
        try? await serverChannel.close()
    }

    fileprivate func opened(_ channel: any Channel) {
        counts.withLock { $0.connections += 1 }
        openChannels.withLock { $0[ObjectIdentifier(channel)] = channel }
    }

    fileprivate func closed(_ channel: any Channel) {
        _ = openChannels.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    fileprivate func count(message: Bool = false, quit: Bool = false) {
        counts.withLock {
            if message { $0.messages += 1 }
            if quit { $0.quits += 1 }
        }
    }
}

/// One session of the ``CountingSMTPSink``: replies line by line, PIPELINING offered.
private final class SinkSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let sink: CountingSMTPSink?
    private var pending: [UInt8] = []
    private var inData = false

    init(sink: CountingSMTPSink?) { self.sink = sink }

    func channelActive(context: ChannelHandlerContext) {
        sink?.opened(context.channel)
        reply("220 sink.test ESMTP", context: context)
        context.flush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink?.closed(context.channel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending += unwrapInboundIn(data).readableBytesView
        while let lineFeed = pending.firstIndex(of: 10) {
            let line = String(decoding: pending[..<lineFeed], as: UTF8.self)
                .trimmingCharacters(in: .init(charactersIn: "\r"))
            pending.removeSubrange(...lineFeed)
            handle(line, context: context)
        }
        context.flush()
    }

    private func handle(_ line: String, context: ChannelHandlerContext) {
        if inData {
            if line == "." {
                inData = false
                sink?.count(message: true)
                reply("250 2.0.0 queued", context: context)
            }
            return
        }
        switch line.prefix(4).uppercased() {
        case "EHLO": reply("250-sink.test\r\n250-PIPELINING\r\n250 8BITMIME", context: context)
        case "DATA":
            inData = true
            reply("354 go on", context: context)
        case "QUIT":
            sink?.count(quit: true)
            reply("221 bye", context: context)
            context.flush()
            context.close(promise: nil)
        default: reply("250 2.0.0 ok", context: context)
        }
    }

    private func reply(_ text: String, context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(context.channel.allocator.buffer(string: text + "\r\n")), promise: nil)
    }
}
