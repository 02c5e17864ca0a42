import Logging
import NIOCore
import NIOEmbedded
import Testing
@testable import MartletServer

/// The DEFLATE handlers of IMAP COMPRESS on an embedded channel, with zlib on the other
/// side: a round trip both ways, a corrupt stream, and inflation that follows the reads of
/// the handler behind (a decompression bomb never inflates more than one piece per read).
@Suite("DEFLATE compression handlers")
struct CompressionHandlerTests {
    static let pieceSize = 4096

    /// The protocol handler's place: records what it receives and lets through only the
    /// reads it is allowed (as the IMAP handler holds reads while its session waits).
    final class Receiver: ChannelDuplexHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundIn = ByteBuffer
        var pieces: [ByteBuffer] = []
        var allowedReads = Int.max
        var heldReads = 0
        var context: ChannelHandlerContext?

        var receivedBytes: [UInt8] { pieces.flatMap { Array($0.readableBytesView) } }

        func handlerAdded(context: ChannelHandlerContext) { self.context = context }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { pieces.append(unwrapInboundIn(data)) }
        func read(context: ChannelHandlerContext) {
            if allowedReads > 0 {
                allowedReads -= 1
                context.read()
            } else {
                heldReads += 1
            }
        }
    }

    /// The socket's place: counts the reads that reach it.
    final class SocketReads: ChannelOutboundHandler {
        typealias OutboundIn = ByteBuffer
        var count = 0
        func read(context: ChannelHandlerContext) {
            count += 1
            context.read()
        }
    }

    private func makeChannel(pendingInput: [UInt8] = []) throws -> (EmbeddedChannel, Receiver, SocketReads) {
        let socketReads = SocketReads()
        let receiver = Receiver()
        let channel = EmbeddedChannel()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 143)).wait()
        try channel.pipeline.syncOperations.addHandler(socketReads)
        try channel.pipeline.syncOperations.addHandler(receiver)
        try channel.pipeline.syncOperations.addCompressionHandlers(
            before: receiver, pendingInput: pendingInput, pieceSize: Self.pieceSize, logger: Logger(label: "test"))
        return (channel, receiver, socketReads)
    }

    /// `text` deflated by the client's zlib, ended with a sync flush.
    private func clientDeflate(_ deflater: RawDeflater, _ text: [UInt8]) throws -> [UInt8] {
        var input = ByteBuffer(bytes: text)
        var output = ByteBuffer()
        while try deflater.deflate(from: &input, into: &output, maximumBytes: 65_536, flush: true) == .outputFull {}
        return Array(output.readableBytesView)
    }

    /// Everything `compressed` inflates to, by the client's zlib.
    private func clientInflate(_ inflater: RawInflater, _ compressed: [UInt8]) throws -> [UInt8] {
        var input = ByteBuffer(bytes: compressed)
        var output = ByteBuffer()
        while try inflater.inflate(from: &input, into: &output, maximumBytes: 65_536) == .outputFull {}
        #expect(input.readableBytes == 0)
        return Array(output.readableBytesView)
    }

    private func outbound(_ channel: EmbeddedChannel) throws -> [ByteBuffer] {
        var pieces: [ByteBuffer] = []
        while let piece = try channel.readOutbound(as: ByteBuffer.self) { pieces.append(piece) }
        return pieces
    }

    /// A text of `count` octets that compresses, but not to nothing.
    private func sampleText(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let words = ["mail", "store", "deflate", "inbox", "message", "flag", "\r\n", "compress", "IMAP"]
        var text: [UInt8] = []
        while text.count < count { text += Array((words.randomElement(using: &generator) ?? "x").utf8) + [0x20] }
        return Array(text.prefix(count))
    }

    @Test("input and output round-trip through zlib; pending input is read first; each flush ends in a sync flush")
    func roundTrip() throws {
        let clientDeflater = try RawDeflater()
        let clientInflater = try RawInflater()
        let pending = try clientDeflate(clientDeflater, Array("a NOOP\r\n".utf8))
        let (channel, receiver, _) = try makeChannel(pendingInput: pending)
        channel.embeddedEventLoop.run()
        #expect(receiver.receivedBytes == Array("a NOOP\r\n".utf8))

        let large = sampleText(300_000)
        try channel.writeInbound(ByteBuffer(bytes: try clientDeflate(clientDeflater, Array("b APPEND x {300000}\r\n".utf8) + large)))
        channel.embeddedEventLoop.run()
        #expect(receiver.receivedBytes == Array("a NOOP\r\nb APPEND x {300000}\r\n".utf8) + large)
        #expect(receiver.pieces.allSatisfy { $0.readableBytes <= Self.pieceSize })

        var written = false
        channel.writeAndFlush(ByteBuffer(string: "a OK NOOP completed\r\n")).assumeIsolated().whenSuccess { written = true }
        let first = try outbound(channel)
        #expect(written)
        #expect(first.last.map { Array($0.readableBytesView.suffix(4)) } == [0x00, 0x00, 0xFF, 0xFF])
        #expect(try clientInflate(clientInflater, first.flatMap { Array($0.readableBytesView) })
                == Array("a OK NOOP completed\r\n".utf8))

        channel.write(ByteBuffer(string: "* 1 FETCH (BODY[] {300000}\r\n"), promise: nil)
        channel.write(ByteBuffer(bytes: large), promise: nil)
        channel.writeAndFlush(ByteBuffer(string: ")\r\nb OK FETCH completed\r\n"), promise: nil)
        let second = try outbound(channel)
        #expect(second.count > 1)
        #expect(second.allSatisfy { $0.readableBytes <= Self.pieceSize })
        #expect(second.last.map { Array($0.readableBytesView.suffix(4)) } == [0x00, 0x00, 0xFF, 0xFF])
        #expect(try clientInflate(clientInflater, second.flatMap { Array($0.readableBytesView) })
                == Array("* 1 FETCH (BODY[] {300000}\r\n".utf8) + large + Array(")\r\nb OK FETCH completed\r\n".utf8))

        channel.flush()
        #expect(try outbound(channel).isEmpty, "a flush with nothing written adds nothing")
        #expect(channel.isActive)
    }

    @Test("a corrupt stream, or data after its end, closes the connection", arguments: [
        [UInt8]([0xFF, 0xFF, 0xFF, 0xFF, 0x0D, 0x0A]),   // block type 3 does not exist
        [UInt8]([0x03, 0x00, 0x61, 0x62]),               // an empty final block, then more
    ])
    func corruptStreamCloses(input: [UInt8]) throws {
        let (channel, receiver, _) = try makeChannel()
        try channel.writeInbound(ByteBuffer(bytes: input))
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
        #expect(receiver.receivedBytes.isEmpty)
    }

    @Test("a decompression bomb inflates one piece per read of the handler behind, and the socket is not read meanwhile")
    func bombFollowsReads() throws {
        let bombSize = 8 * 1_048_576
        let bomb = try clientDeflate(try RawDeflater(level: 9), [UInt8](repeating: 0x41, count: bombSize))
        #expect(bomb.count < bombSize / 100)
        let (channel, receiver, socketReads) = try makeChannel()
        receiver.allowedReads = 0
        try channel.writeInbound(ByteBuffer(bytes: bomb))
        channel.embeddedEventLoop.run()
        // The read outstanding when compression started is answered with one piece; the
        // read asked for then is held by the receiver.
        #expect(receiver.pieces.count == 1)
        #expect(receiver.receivedBytes.count == Self.pieceSize)
        #expect(receiver.heldReads == 1)

        let context = try #require(receiver.context)
        for expected in 2...4 {
            context.read()   // the receiver lets one read through
            channel.embeddedEventLoop.run()
            #expect(receiver.pieces.count == expected)
        }
        #expect(socketReads.count == 0, "no socket read while compressed input remains")

        receiver.allowedReads = .max
        context.read()
        channel.embeddedEventLoop.run()
        #expect(receiver.receivedBytes.count == bombSize)
        #expect(receiver.pieces.allSatisfy { $0.readableBytes <= Self.pieceSize })
        #expect(socketReads.count == 1, "the socket is read once the input is used up")
        #expect(channel.isActive)
    }
}
