import NIOCore
import NIOPosix
import NIOSSL
import Testing
import X509
@testable import MartletServer

@Suite("TLS handshake over loopback")
struct TLSHandshakeTests {
    /// Starts a one-line echo server over implicit TLS on a free loopback port, runs `body`
    /// with its port, and shuts it down.
    func withEchoServer(
        context: NIOSSLContext, _ body: (Int) async throws -> Void
    ) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = try #require(server.channel.localAddress?.port)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        try? await connection.executeThenClose { inbound, outbound in
                            for try await chunk in inbound {
                                try await outbound.write(chunk)
                            }
                        }
                    }
                }
            }
            defer { group.cancelAll() }
            try await body(port)
            server.channel.close(promise: nil)
        }
    }

    /// Connects with `context`, sends a line, and returns the echo and the TLS version.
    func exchange(port: Int, context: NIOSSLContext, hostname: String) async throws -> (String, TLSVersion?) {
        let client = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: context, serverHostname: hostname))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let channel = client.channel
        return try await client.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "hello over TLS\n"))
            var received = ""
            for try await chunk in inbound {
                received += String(buffer: chunk)
                if received.hasSuffix("\n") { break }
            }
            let version = try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.nioSSL_tlsVersion()
            }.get()
            return (received, version)
        }
    }

    @Test("a client trusting the self-signed certificate completes TLS 1.3 and exchanges data")
    func selfSignedHandshake() async throws {
        let identity = try SelfSignedCertificate.generate(hostname: "mail.example.test")
        let serverContext = try identity.makeServerContext()
        let clientContext = try TLSClientContext.trusting([identity.leaf], minimumTLSVersion: .tlsv13)
        try await withEchoServer(context: serverContext) { port in
            let (echo, version) = try await exchange(port: port, context: clientContext, hostname: "mail.example.test")
            #expect(echo == "hello over TLS\n")
            #expect(version == .tlsv13)
        }
    }

    @Test("a client trusting a different certificate refuses the server")
    func untrustedCertificate() async throws {
        let identity = try SelfSignedCertificate.generate(hostname: "mail.example.test")
        let stranger = try SelfSignedCertificate.generate(hostname: "mail.example.test")
        let clientContext = try TLSClientContext.trusting([stranger.leaf])
        try await withEchoServer(context: try identity.makeServerContext()) { port in
            await #expect(throws: (any Error).self) {
                _ = try await exchange(port: port, context: clientContext, hostname: "mail.example.test")
            }
        }
    }
}
