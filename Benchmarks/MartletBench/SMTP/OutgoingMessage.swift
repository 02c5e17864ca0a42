import NIOCore

/// A message ready to send: the envelope, and the DATA bytes already dot-stuffed, in parts
/// sent one after the other (the last ending with CRLF).
struct OutgoingMessage: Sendable {
    let sender: String
    /// The envelope recipients (one RCPT TO each, in this order); never empty.
    let recipients: [String]
    let stuffedParts: [ByteBuffer]
    /// The message has 8-bit text: announce BODY=8BITMIME when the server offers it.
    let hasEightBitText: Bool

    init(sender: String, recipients: [String], stuffedParts: [ByteBuffer], hasEightBitText: Bool) {
        precondition(!recipients.isEmpty, "a message needs at least one recipient")
        self.sender = sender
        self.recipients = recipients
        self.stuffedParts = stuffedParts
        self.hasEightBitText = hasEightBitText
    }

    init(sender: String, recipient: String, stuffedParts: [ByteBuffer], hasEightBitText: Bool) {
        self.init(sender: sender, recipients: [recipient], stuffedParts: stuffedParts, hasEightBitText: hasEightBitText)
    }
}
