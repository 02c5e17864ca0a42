@testable import DNSResolver
import NIOCore
import NIOPosix
import Locking

/// How a query reached the scripted server.
enum ScriptedTransport: Sendable, Hashable {
    case udp
    case tcp
}

/// One thing the scripted server does in reply to a query, in order.
enum ScriptedReply: Sendable {
    /// Sends this message to the asker.
    case answer(DNSMessage)
    /// Sends these octets to the asker.
    case raw([UInt8])
    /// Sends this message to the asker from another UDP port (a forgery).
    case forged(DNSMessage)
    /// Waits before the following replies.
    case pause(TimeAmount)
}

/// Decides the replies to a query.
typealias ScriptedResponder = @Sendable (DNSMessage, ScriptedTransport) -> [ScriptedReply]

/// A DNS server on 127.0.0.1 that answers UDP and TCP on the same port as a test script says:
/// for the cases a real server will not produce on demand (truncation, SERVFAIL, forgeries,
/// malformed answers). It counts the queries it receives.
final class ScriptedDNSServer: Sendable {
    let port: Int
    private let channels: [any Channel]
    private let log: QueryLog

    /// Where the resolver finds this server.
    var address: DNSServerAddress { DNSServerAddress(address: loopbackAddress, port: UInt16(port)) }

    /// The number of queries received so far over `transport`.
    func queryCount(over transport: ScriptedTransport) -> Int { log.count(transport) }

    /// The source ports of the UDP queries received so far, in order.
    var udpSourcePorts: [Int] { log.udpSourcePorts }

    /// Starts a server, runs `body`, and closes the server whatever happens.
    @discardableResult
    static func run<Result>(_ responder: @escaping ScriptedResponder,
                            _ body: (ScriptedDNSServer) async throws -> Result) async throws -> Result {
        try await using(try await start(responder), cleanup: { await $0.close() }, body)
    }

    private init(port: Int, channels: [any Channel], log: QueryLog) {
        self.port = port
        self.channels = channels
        self.log = log
    }

    private static func start(_ responder: @escaping ScriptedResponder) async throws -> ScriptedDNSServer {
        let group = MultiThreadedEventLoopGroup.singleton
        let log = QueryLog()
        let forger = try await DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        // The UDP port is picked by the system; TCP must then get the same number, which
        // can (rarely) be taken: try a few times.
        for _ in 0..<10 {
            let udp = try await DatagramBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ScriptedUDPHandler(responder: responder, log: log, forger: forger))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            guard let port = udp.localAddress?.port else { throw TestSetupError("no local port") }
            do {
                let tcp = try await ServerBootstrap(group: group)
                    .childChannelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(ScriptedTCPHandler(responder: responder, log: log))
                        }
                    }
                    .bind(host: "127.0.0.1", port: port).get()
                return ScriptedDNSServer(port: port, channels: [udp, tcp, forger], log: log)
            } catch {
                try? await udp.close()
            }
        }
        try? await forger.close()
        throw TestSetupError("could not bind UDP and TCP on the same port")
    }

    private func close() async {
        for channel in channels { try? await channel.close() }
    }
}

/// Counts queries per transport and notes UDP source ports, shared by the handlers.
final class QueryLog: Sendable {
    private let state = Locked<(counts: [ScriptedTransport: Int], ports: [Int])>(([:], []))

    func record(_ transport: ScriptedTransport, sourcePort: Int? = nil) {
        state.withLock {
            $0.counts[transport, default: 0] += 1
            if let sourcePort { $0.ports.append(sourcePort) }
        }
    }

    func count(_ transport: ScriptedTransport) -> Int { state.withLock { $0.counts[transport, default: 0] } }
    var udpSourcePorts: [Int] { state.withLock { $0.ports } }
}

/// Sends the scripted replies in order, honouring pauses, through `send` on `eventLoop`.
private func play(_ replies: [ScriptedReply], on eventLoop: any EventLoop,
                  send: @escaping @Sendable (ScriptedReply) -> Void) {
    var delay = TimeAmount.zero
    for reply in replies {
        if case .pause(let pause) = reply {
            delay = delay + pause
            continue
        }
        if delay == .zero {
            send(reply)
        } else {
            eventLoop.scheduleTask(in: delay) { send(reply) }
        }
    }
}

private func encoded(_ reply: ScriptedReply) -> [UInt8]? {
    switch reply {
    case .answer(let message), .forged(let message): try? DNSMessageEncoder.encode(message)
    case .raw(let bytes): bytes
    case .pause: nil
    }
}

private final class ScriptedUDPHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    let responder: ScriptedResponder
    let log: QueryLog
    let forger: any Channel

    init(responder: @escaping ScriptedResponder, log: QueryLog, forger: any Channel) {
        self.responder = responder
        self.log = log
        self.forger = forger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let query = try? DNSMessageDecoder.decode(Array(envelope.data.readableBytesView)) else { return }
        log.record(.udp, sourcePort: envelope.remoteAddress.port)
        let channel = context.channel
        let forger = self.forger
        let asker = envelope.remoteAddress
        play(responder(query, .udp), on: context.eventLoop) { reply in
            guard let bytes = encoded(reply) else { return }
            let datagram = AddressedEnvelope(remoteAddress: asker, data: ByteBuffer(bytes: bytes))
            if case .forged = reply {
                forger.writeAndFlush(datagram, promise: nil)
            } else {
                channel.writeAndFlush(datagram, promise: nil)
            }
        }
    }
}

private final class ScriptedTCPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let responder: ScriptedResponder
    let log: QueryLog
    private var received = ByteBuffer()

    init(responder: @escaping ScriptedResponder, log: QueryLog) {
        self.responder = responder
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        received.writeBuffer(&chunk)
        while let length = received.getInteger(at: received.readerIndex, as: UInt16.self),
              received.readableBytes >= 2 + Int(length) {
            received.moveReaderIndex(forwardBy: 2)
            guard let bytes = received.readBytes(length: Int(length)),
                  let query = try? DNSMessageDecoder.decode(bytes) else { continue }
            log.record(.tcp)
            let channel = context.channel
            play(responder(query, .tcp), on: context.eventLoop) { reply in
                guard let bytes = encoded(reply) else { return }
                var framed = ByteBuffer()
                framed.writeInteger(UInt16(bytes.count))
                framed.writeBytes(bytes)
                channel.writeAndFlush(framed, promise: nil)
            }
        }
    }
}
