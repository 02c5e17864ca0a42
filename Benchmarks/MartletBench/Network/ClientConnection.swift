import NIOCore
import NIOPosix
import NIOSSL

/// One connection to the server under test: TCP, optionally TLS from the start, with
/// STARTTLS available later. Answers are read with an `InboundFrameDecoder`; commands are
/// written as bytes. Every read has a time limit, and cancelling the reading task closes
/// the connection, so no wait can outlive the run.
struct ClientConnection: Sendable {
    let channel: any Channel
    private let inbound: NIOLoopBound<InboundBuffer>
    private let replyTimeout: TimeAmount

    /// Where to connect and how to protect the connection.
    struct Endpoint: Sendable {
        let host: String
        let port: Int
        /// The TLS context for `--tls` and `--starttls`; nil for plaintext.
        let tls: NIOSSLContext?
        /// Whether TLS starts right after connecting (`--tls`), rather than on STARTTLS.
        let implicitTLS: Bool
        let timeout: TimeAmount
        /// The local address the client socket is bound to before connecting (the flood
        /// workload's distinct loopback sources); nil lets the system choose.
        var sourceAddress: SocketAddress? = nil
        /// The time limit of the TCP connect alone; nil: `timeout`.
        var connectTimeout: TimeAmount? = nil

        /// The name sent in the TLS handshake (SNI): the host unless it is an IP address.
        var serverName: String? {
            (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        }
    }

    /// Connects to `endpoint` on one of `group`'s event loops.
    static func connect(to endpoint: Endpoint, group: any EventLoopGroup) async throws(BenchError) -> ClientConnection {
        let implicitTLS = endpoint.implicitTLS ? endpoint.tls : nil
        let serverName = endpoint.serverName
        let loop = group.next()
        // Kept from the initializer: a server that answers and closes at once (a refusal
        // such as SMTP 421) leaves its reply here even though the pipeline is gone.
        let installed = NIOLoopBoundBox.makeEmptyBox(valueType: InboundBuffer.self, eventLoop: loop)
        var bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(endpoint.connectTimeout ?? endpoint.timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let implicitTLS {
                        try sync.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName))
                    }
                    let inbound = InboundBuffer()
                    try sync.addHandler(inbound)
                    installed.value = inbound
                }
            }
        if let source = endpoint.sourceAddress {
            // Many sessions from one source address: ports in TIME_WAIT may be taken again.
            bootstrap = bootstrap.channelOption(.socketOption(.so_reuseaddr), value: 1).bind(to: source)
        }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: endpoint.host, port: endpoint.port).get()
        } catch {
            throw .connectFailed(String(describing: error))
        }
        do {
            let inbound = try await loop.submit {
                guard let inbound = installed.value else { throw BenchError.connectionClosed }
                return NIOLoopBound(inbound, eventLoop: loop)
            }.get()
            return ClientConnection(channel: channel, inbound: inbound, replyTimeout: endpoint.timeout)
        } catch {
            channel.close(promise: nil)
            throw .connectionClosed
        }
    }

    /// Writes `bytes` without waiting for them to leave; a failed write shows up as a
    /// closed connection on the next read.
    func send(_ bytes: ByteBuffer) {
        channel.writeAndFlush(bytes, promise: nil)
    }

    /// Writes `parts` in order with one flush, without waiting.
    func send(parts: [ByteBuffer]) {
        for part in parts { channel.write(part, promise: nil) }
        channel.flush()
    }

    /// Writes `text` (a command with its CRLF) without waiting.
    func send(_ text: String) {
        send(ByteBuffer(string: text))
    }

    /// Writes `bytes` and returns once they are handed to the operating system.
    func sendAndWait(_ bytes: ByteBuffer) async throws(BenchError) {
        do {
            try await channel.writeAndFlush(bytes).get()
        } catch {
            throw .connectionClosed
        }
    }

    /// Waits for `decoder`'s answer, at most the reply time limit.
    func receive<Decoder: InboundFrameDecoder>(_ decoder: Decoder) async throws(BenchError) -> Decoder.Output {
        let loop = channel.eventLoop
        let promise = loop.makePromise(of: Decoder.Output.self)
        let inbound = self.inbound
        let timeout = replyTimeout
        loop.execute { inbound.value.wait(for: decoder, promise: promise, timeout: timeout) }
        let channel = self.channel
        do {
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch let error as BenchError {
            throw error
        } catch {
            throw .connectionClosed
        }
    }

    /// Starts TLS after the server agreed (SMTP 220 to STARTTLS, IMAP OK, POP3 +OK to STLS).
    /// Fails if the server already sent anything more: those bytes would be plaintext
    /// slipped in ahead of the handshake. The caller must not have pipelined anything after
    /// the STARTTLS command.
    func startTLS(context: NIOSSLContext, serverName: String?) async throws(BenchError) {
        let inbound = self.inbound
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                try inbound.value.requireEmpty()
                let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
        } catch let error as BenchError {
            close()
            throw error
        } catch {
            close()
            throw .tlsFailed(String(describing: error))
        }
    }

    /// Runs `body`; if it throws, closes the connection and rethrows (a session whose
    /// opening failed half-way is not left open).
    func closingOnFailure<Result>(_ body: () async throws(BenchError) -> Result) async throws(BenchError) -> Result {
        do throws(BenchError) {
            return try await body()
        } catch {
            close()
            throw error
        }
    }

    /// Whether the connection is still open.
    var isActive: Bool { channel.isActive }

    /// Closes the connection without waiting.
    func close() {
        channel.close(promise: nil)
    }
}
