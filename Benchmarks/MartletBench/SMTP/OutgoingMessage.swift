import NIOCore

/// A message ready to send: the envelope, and the DATA bytes already dot-stuffed, in parts
/// sent one after the other (the last ending with CRLF).
struct OutgoingMessage: Sendable {
    let sender: String
    let recipient: String
    let stuffedParts: [ByteBuffer]
    /// The message has 8-bit text: announce BODY=8BITMIME when the server offers it.
    let hasEightBitText: Bool
}
