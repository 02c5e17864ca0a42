import AbuseDefense
import Foundation
import MailStore
import NIOCore
import NIOPosix

/// Scans messages with clamd's INSTREAM command (clamd(8)), one connection per message, over
/// TCP or a UNIX socket. A spooled message is read in chunks on NIO's thread pool for
/// blocking work, never whole and never on an event loop; each chunk is written when the
/// connection can take it.
struct ClamdClient: VirusScanner {
    let address: ClamdAddress
    /// The longest a scan may take, connecting included.
    let timeout: Duration
    let eventLoopGroup: any EventLoopGroup
    /// The octets read from a spool file and sent at a time.
    var chunkSize = ClamdStreamEncoder.defaultChunkSize

    /// The longest a connection attempt may take (less if the whole timeout is shorter).
    static let connectTimeout = Duration.seconds(5)

    func scan(_ message: IncomingMessage.Source) async throws(VirusScanError) -> ClamdScanResult {
        let deadline = ContinuousClock.now + timeout
        let channel = try await connect()
        // The deadline closes the connection, which ends any write or read in progress.
        let remaining = max(.zero, deadline - ContinuousClock.now)
        let expiry = channel.channel.eventLoop.scheduleTask(in: TimeAmount(remaining)) {
            channel.channel.close(promise: nil)
        }
        defer { expiry.cancel() }
        let outcome: Result<ClamdScanResult, VirusScanError>
        do {
            outcome = try await channel.executeThenClose { inbound, outbound in
                await exchange(message, inbound: inbound, outbound: outbound)
            }
        } catch {
            outcome = .failure(.connectionFailed(String(describing: error)))
        }
        switch outcome {
        case .success(let result):
            return result
        case .failure(let error):
            if case .unreadableMessage = error { throw error }
            throw ContinuousClock.now >= deadline ? .timedOut : error
        }
    }

    /// Sends the stream and reads the reply. A failed write does not end the exchange at
    /// once: clamd may have refused the stream (too large) and closed, its reply waiting.
    private func exchange(_ message: IncomingMessage.Source, inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
                          outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async -> Result<ClamdScanResult, VirusScanError> {
        var writeFailure: VirusScanError?
        do {
            try await send(message, to: outbound)
        } catch let error as VirusScanError {
            return .failure(error)
        } catch {
            writeFailure = .connectionFailed(String(describing: error))
        }
        var parser = ClamdReplyParser()
        do {
            for try await buffer in inbound {
                if let result = try parser.append(buffer.readableBytesView) { return .success(result) }
            }
            return .success(try parser.finish())
        } catch let error as ClamdProtocolError {
            return .failure(writeFailure ?? .protocolViolation(error))
        } catch {
            return .failure(writeFailure ?? .connectionFailed(String(describing: error)))
        }
    }

    private func send(_ message: IncomingMessage.Source, to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws {
        try await outbound.write(ByteBuffer(bytes: ClamdStreamEncoder.instreamCommand))
        switch message {
        case .bytes(let bytes):
            var start = 0
            while start < bytes.count {
                let end = min(start + chunkSize, bytes.count)
                try await outbound.write(ByteBuffer(bytes: ClamdStreamEncoder.chunk(bytes[start..<end])))
                start = end
            }
        case .spooled(let file):
            try await sendFile(at: file.path, to: outbound)
        }
        try await outbound.write(ByteBuffer(bytes: ClamdStreamEncoder.endOfStream))
    }

    /// Streams a file one chunk at a time; a read error is a ``VirusScanError/unreadableMessage(_:)``.
    private func sendFile(at path: String, to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws {
        let pool = NIOThreadPool.singleton
        let size = chunkSize
        let handle: FileHandle
        do {
            handle = try await pool.runIfActive {
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    throw VirusScanError.unreadableMessage("cannot open \(path)")
                }
                return handle
            }
        } catch {
            throw (error as? VirusScanError) ?? .unreadableMessage(String(describing: error))
        }
        defer { try? handle.close() }
        while true {
            let chunk: Data
            do {
                chunk = try await pool.runIfActive { try handle.read(upToCount: size) ?? Data() }
            } catch {
                throw VirusScanError.unreadableMessage(String(describing: error))
            }
            guard !chunk.isEmpty else { return }
            var buffer = ByteBuffer()
            buffer.reserveCapacity(4 + chunk.count)
            buffer.writeBytes(ClamdStreamEncoder.chunkHeader(byteCount: UInt32(chunk.count)))
            buffer.writeBytes(chunk)
            try await outbound.write(buffer)
        }
    }

    private func connect() async throws(VirusScanError) -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let bootstrap = ClientBootstrap(group: eventLoopGroup).connectTimeout(TimeAmount(min(timeout, Self.connectTimeout)))
        let wrap: @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<ByteBuffer, ByteBuffer>> = { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel(wrappingChannelSynchronously: channel) }
        }
        do {
            switch address {
            case .tcp(let address):
                return try await bootstrap.connect(host: address.host, port: address.port, channelInitializer: wrap)
            case .unixSocket(let path):
                return try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: wrap)
            }
        } catch {
            throw .unreachable("\(address): \(Self.describe(error))")
        }
    }

    /// A connection error without NIO's wrapping.
    private static func describe(_ error: any Error) -> String {
        if let connectionError = error as? NIOConnectionError, let first = connectionError.connectionErrors.first {
            return String(describing: first.error)
        }
        if case ChannelError.connectTimeout = error { return "timed out" }
        return String(describing: error)
    }
}
