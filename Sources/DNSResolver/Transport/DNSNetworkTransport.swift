import NIOCore
import NIOPosix
import Locking

/// Sends one query to one server and waits for its answer, over UDP or over TCP (RFC 1035
/// §4.2, RFC 7766). Each exchange uses a fresh socket, so each query leaves from a new port
/// chosen at random by the kernel (Linux randomizes ephemeral ports), which with the random
/// query ID makes forged answers hard to place (RFC 5452 §9.2). The UDP socket is connected
/// to the server: the kernel drops datagrams from elsewhere, and a closed port is reported
/// at once (ICMP port unreachable) instead of after the timeout.
struct DNSNetworkTransport: Sendable {
    let group: any EventLoopGroup
    /// The receive buffer for one datagram; larger than any payload size advertised, so
    /// nothing a server sends is cut short silently.
    let datagramBufferSize: Int

    /// Sends `query` over UDP and returns the first answer that comes from `server`, carries
    /// the query's ID, decodes, and passes `validate` (which returns a reason to reject, or nil).
    /// Anything else is discarded and the wait goes on (RFC 5452 §9.1), so a forgery cannot
    /// cut the exchange short; if the time runs out after a discarded datagram from the server
    /// itself, the failure is reported as malformed rather than as a timeout.
    func exchangeOverUDP(_ query: [UInt8], id: UInt16, server: SocketAddress, timeout: Duration,
                         validate: @escaping @Sendable (DNSMessage) -> String?) async throws(DNSTransportError) -> DNSMessage {
        let group = self.group
        let bufferSize = datagramBufferSize
        let rejection = Locked<String?>(nil)
        do {
            return try await withTimeout(timeout) {
                let channel = try await DatagramBootstrap(group: group)
                    .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: bufferSize))
                    .connect(to: server) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(
                                wrappingChannelSynchronously: channel)
                        }
                    }
                return try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(AddressedEnvelope(remoteAddress: server, data: ByteBuffer(bytes: query)))
                    for try await envelope in inbound {
                        guard envelope.remoteAddress == server, envelope.data.getInteger(at: envelope.data.readerIndex,
                                                                                        as: UInt16.self) == id
                        else { continue }
                        do {
                            let response = try Self.decode(Array(envelope.data.readableBytesView))
                            if let reason = validate(response) { throw DNSTransportError.malformed(reason) }
                            return response
                        } catch {
                            let failure = Self.transportError(error)
                            rejection.withLock { $0 = failure.reason }
                        }
                    }
                    throw DNSTransportError.network("the UDP socket closed before an answer arrived")
                }
            }
        } catch {
            let failure = Self.transportError(error)
            if failure == .timedOut, let reason = rejection.withLock({ $0 }) { throw .malformed(reason) }
            throw failure
        }
    }

    /// Sends `query` over a new TCP connection with the two-octet length prefix (RFC 1035
    /// §4.2.2) and returns the answer once complete.
    func exchangeOverTCP(_ query: [UInt8], server: SocketAddress, timeout: Duration,
                         validate: @escaping @Sendable (DNSMessage) -> String?) async throws(DNSTransportError) -> DNSMessage {
        let group = self.group
        do {
            return try await withTimeout(timeout) {
                let channel = try await ClientBootstrap(group: group)
                    .connectTimeout(TimeAmount(timeout))
                    .connect(to: server) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                        }
                    }
                return try await channel.executeThenClose { inbound, outbound in
                    var framed = ByteBuffer()
                    framed.writeInteger(UInt16(query.count))
                    framed.writeBytes(query)
                    try await outbound.write(framed)
                    var received = ByteBuffer()
                    for try await chunk in inbound {
                        received.writeImmutableBuffer(chunk)
                        guard let length = received.getInteger(at: received.readerIndex, as: UInt16.self),
                              let message = received.getBytes(at: received.readerIndex + 2, length: Int(length))
                        else { continue }
                        let response = try Self.decode(message)
                        if let reason = validate(response) { throw DNSTransportError.malformed(reason) }
                        return response
                    }
                    throw DNSTransportError.network("the server closed the TCP connection before the answer was complete")
                }
            }
        } catch {
            throw Self.transportError(error)
        }
    }

    private static func decode(_ bytes: [UInt8]) throws(DNSTransportError) -> DNSMessage {
        do { return try DNSMessageDecoder.decode(bytes) } catch { throw .malformed(error.description) }
    }

    private static func transportError(_ error: any Error) -> DNSTransportError {
        if let error = error as? DNSTransportError { return error }
        if error is CancellationError { return .timedOut }
        return .network(String(describing: error))
    }
}
