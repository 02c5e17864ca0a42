import NIOCore
import NIOPosix
import Locking

/// A tiny SMTP + IMAP server on 127.0.0.1 for the flood workload's end-to-end test. Like
/// a real server under a flood it limits connections per client address (a refusal in
/// the protocol's words, then close) and ends an SMTP session with 421 after a number of
/// messages. SMTP offers PIPELINING and AUTH PLAIN (accepted in the clear: tests only).
final class FakeMailServer: Sendable {
    /// What the server saw, for the test to check.
    struct Counts: Sendable {
        var openPerAddress: [String: Int] = [:]
        var refusedPerAddress: [String: Int] = [:]
        var messagesPerAddress: [String: Int] = [:]
        var imapLogins = 0
        var authentications = 0
    }

    enum Service: Sendable {
        case smtp
        case imap
    }

    let counts = Locked(Counts())
    let maximumPerAddress: Int
    let messagesPerSession: Int
    private let channels = Locked<[any Channel]>([])

    init(maximumPerAddress: Int, messagesPerSession: Int) {
        self.maximumPerAddress = maximumPerAddress
        self.messagesPerSession = messagesPerSession
    }

    /// Starts a listener for `service` on a free port and returns the port.
    func listen(_ service: Service, group: any EventLoopGroup) async throws -> Int {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FakeSessionHandler(server: self, service: service))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        channels.withLock { $0.append(channel) }
        return channel.localAddress?.port ?? 0
    }

    /// Counts a new connection from `address`; false if over the per-address limit.
    func admit(_ address: String) -> Bool {
        counts.withLock { counts in
            guard counts.openPerAddress[address, default: 0] < maximumPerAddress else {
                counts.refusedPerAddress[address, default: 0] += 1
                return false
            }
            counts.openPerAddress[address, default: 0] += 1
            return true
        }
    }

    func release(_ address: String) {
        counts.withLock { $0.openPerAddress[address, default: 0] -= 1 }
    }

    func close() async throws {
        for channel in channels.withLock({ $0 }) { try await channel.close() }
    }
}

/// One session of the fake server: line in, answer out.
final class FakeSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let server: FakeMailServer
    private let service: FakeMailServer.Service
    private var buffer = ByteBuffer()
    private var address = ""
    private var admitted = false
    private var inData = false
    private var messages = 0

    init(server: FakeMailServer, service: FakeMailServer.Service) {
        self.server = server
        self.service = service
    }

    func channelActive(context: ChannelHandlerContext) {
        address = context.remoteAddress?.ipAddress ?? "?"
        admitted = server.admit(address)
        let smtp = service == .smtp
        guard admitted else {
            let refusal = smtp ? "421 4.7.0 too many connections from your address\r\n" : "* BYE too many connections from your address\r\n"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: refusal)), promise: nil)
            context.close(promise: nil)
            return
        }
        let greeting = smtp ? "220 fake ESMTP\r\n" : "* OK [CAPABILITY IMAP4rev1] fake IMAP\r\n"
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if admitted { server.release(address) }
        admitted = false
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        var output = ""
        var closing = false
        while !closing, let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffer.readString(length: newline - buffer.readerIndex) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            let (answer, close) = service == .smtp ? smtp(line) : imap(line)
            output += answer
            closing = close
        }
        buffer.discardReadBytes()
        if !output.isEmpty { context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: output)), promise: nil) }
        if closing { context.close(promise: nil) }
    }

    private func smtp(_ line: String) -> (String, Bool) {
        if inData {
            guard line == "." else { return ("", false) }
            inData = false
            messages += 1
            let address = self.address
            server.counts.withLock { $0.messagesPerAddress[address, default: 0] += 1 }
            return ("250 2.0.0 queued\r\n", false)
        }
        if messages >= server.messagesPerSession { return ("421 4.7.0 too many messages in one session\r\n", true) }
        switch line.prefix(while: { $0 != " " }).uppercased() {
        case "EHLO": return ("250-fake\r\n250-PIPELINING\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n", false)
        case "AUTH":
            server.counts.withLock { $0.authentications += 1 }
            return ("235 2.7.0 ok\r\n", false)
        case "MAIL", "RCPT", "RSET": return ("250 2.0.0 ok\r\n", false)
        case "DATA":
            inData = true
            return ("354 go ahead\r\n", false)
        case "QUIT": return ("221 2.0.0 bye\r\n", true)
        default: return ("500 5.5.2 unknown\r\n", false)
        }
    }

    private func imap(_ line: String) -> (String, Bool) {
        let words = line.split(separator: " ", maxSplits: 2).map(String.init)
        guard words.count >= 2 else { return ("* BAD no tag\r\n", false) }
        let tag = words[0]
        switch words[1].uppercased() {
        case "CAPABILITY": return ("* CAPABILITY IMAP4rev1\r\n\(tag) OK done\r\n", false)
        case "LOGIN":
            server.counts.withLock { $0.imapLogins += 1 }
            return ("\(tag) OK logged in\r\n", false)
        case "SELECT": return ("* 3 EXISTS\r\n* FLAGS (\\Seen)\r\n\(tag) OK [READ-WRITE] selected\r\n", false)
        case "LOGOUT": return ("* BYE bye\r\n\(tag) OK done\r\n", true)
        default: return ("\(tag) BAD unknown\r\n", false)
        }
    }
}
