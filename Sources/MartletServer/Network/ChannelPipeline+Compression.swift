import Logging
import NIOCore

extension ChannelPipeline.SynchronousOperations {
    /// Starts DEFLATE compression in both directions (IMAP COMPRESS, RFC 4978): puts an
    /// ``InflateInputHandler`` and a ``DeflateOutputHandler`` right in front of `handler`,
    /// so behind any TLS handler (compression happens before encryption, RFC 4978 §4).
    /// What was written before is sent as it is; `pendingInput` are compressed octets that
    /// arrived after the command, inflated first. Pieces of output either way are at most
    /// `pieceSize` octets.
    func addCompressionHandlers(before handler: any ChannelHandler, pendingInput: [UInt8], pieceSize: Int,
                                logger: Logger) throws {
        let inflater = try InflateInputHandler(pendingInput: pendingInput, pieceSize: pieceSize, logger: logger)
        let deflater = try DeflateOutputHandler(pieceSize: pieceSize, logger: logger)
        try addHandlers([inflater, deflater], position: .before(handler))
    }
}
