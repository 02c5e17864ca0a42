import NIOCore
import NIOPosix
import Locking

/// A tiny line-based server on 127.0.0.1 for end-to-end tests: each connection gets a
/// fresh `Script`, which answers each received line with bytes to send (and may ask to
/// close). Only for tests: no limits beyond what the tests send.
protocol ResponderScript {
    /// Bytes sent when the connection opens.
    mutating func greeting() -> String
    /// The answer to one line (without its CRLF).
    mutating func respond(to line: String) -> ResponderAnswer
}

enum ResponderAnswer {
    case send(String)
    /// Sends, then closes the connection.
    case sendAndClose(String)
}

final class LoopbackResponder<Script: ResponderScript>: Sendable {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    init(group: any EventLoopGroup, makeScript: @escaping @Sendable () -> Script) async throws {
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptHandler(script: makeScript()))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func close() async throws { try await channel.close() }
}

/// Splits received bytes into lines and hands them to the script.
final class ScriptHandler<Script: ResponderScript>: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private var script: Script
    private var buffer = ByteBuffer()

    init(script: Script) { self.script = script }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: script.greeting())), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        var output = ""
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            var line = buffer.readString(length: length) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            switch script.respond(to: line) {
            case .send(let answer):
                output += answer
            case .sendAndClose(let answer):
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: output + answer)), promise: nil)
                context.close(promise: nil)
                return
            }
        }
        buffer.discardReadBytes()
        if !output.isEmpty { context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: output)), promise: nil) }
    }
}

/// A minimal SMTP receiver: EHLO with PIPELINING, MAIL, RCPT, DATA (counting the
/// messages and checking their dot-stuffing), RSET, QUIT; STARTTLS answers with `starttlsAnswer`.
struct SMTPScript: ResponderScript {
    let received: Received
    var starttlsAnswer = "454 4.7.0 TLS not available\r\n"
    private var inData = false
    private var current: [String] = []

    /// What all connections received, for the test to check.
    final class Received: Sendable {
        let messages = Locked<[[String]]>([])
    }

    init(received: Received, starttlsAnswer: String? = nil) {
        self.received = received
        if let starttlsAnswer { self.starttlsAnswer = starttlsAnswer }
    }

    func greeting() -> String { "220 loopback ESMTP test\r\n" }

    mutating func respond(to line: String) -> ResponderAnswer {
        if inData {
            if line == "." {
                inData = false
                let message = current
                received.messages.withLock { $0.append(message) }
                current = []
                return .send("250 2.0.0 queued\r\n")
            }
            current.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
            return .send("")
        }
        let verb = line.prefix { $0 != " " && $0 != ":" }.uppercased()
        switch verb {
        case "EHLO": return .send("250-loopback\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n")
        case "MAIL", "RCPT", "RSET": return .send("250 2.0.0 ok\r\n")
        case "DATA":
            inData = true
            return .send("354 go ahead\r\n")
        case "STARTTLS": return .send(starttlsAnswer)
        case "QUIT": return .sendAndClose("221 2.0.0 bye\r\n")
        default: return .send("500 5.5.2 unknown\r\n")
        }
    }
}

/// A minimal POP3 server over a shared set of maildrops (user → message count):
/// USER/PASS, STAT, RETR (with a dot-stuffed line), DELE, QUIT (which removes the deleted).
struct POP3Script: ResponderScript {
    final class Maildrops: Sendable {
        let counts: Locked<[String: Int]>
        init(_ counts: [String: Int]) { self.counts = Locked(counts) }
    }

    let maildrops: Maildrops
    private var user = ""
    private var loggedIn = false
    private var size = 0
    private var deleted: Set<Int> = []

    init(maildrops: Maildrops) { self.maildrops = maildrops }

    func greeting() -> String { "+OK loopback POP3\r\n" }

    static func message(_ number: Int) -> String {
        "Subject: message \(number)\r\n\r\n..leading dot\r\nbody \(number)\r\n"
    }

    mutating func respond(to line: String) -> ResponderAnswer {
        let text = answer(to: line)
        return line.uppercased() == "QUIT" ? .sendAndClose(text) : .send(text)
    }

    private mutating func answer(to line: String) -> String {
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        let argument = words.count > 1 ? words[1] : ""
        switch words.first?.uppercased() ?? "" {
        case "USER":
            user = argument
            return "+OK\r\n"
        case "PASS":
            guard argument == "secret", let count = maildrops.counts.withLock({ $0[user] }) else { return "-ERR [AUTH] no\r\n" }
            loggedIn = true
            size = count
            return "+OK \(count) messages\r\n"
        case "STAT":
            return loggedIn ? "+OK \(size - deleted.count) \(100 * (size - deleted.count))\r\n" : "-ERR not logged in\r\n"
        case "RETR":
            guard loggedIn, let number = Int(argument), (1...size).contains(number), !deleted.contains(number) else { return "-ERR no such message\r\n" }
            return "+OK\r\n\(Self.message(number)).\r\n"
        case "DELE":
            guard loggedIn, let number = Int(argument), (1...size).contains(number) else { return "-ERR no such message\r\n" }
            deleted.insert(number)
            return "+OK deleted\r\n"
        case "QUIT":
            let removed = deleted.count
            let name = user
            maildrops.counts.withLock { $0[name, default: 0] -= removed }
            deleted = []
            loggedIn = false
            return "+OK bye\r\n"
        default:
            return "-ERR unknown\r\n"
        }
    }
}
