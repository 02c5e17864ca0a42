/// One message made by `MessageGenerator`: RFC 5322 bytes with CRLF lines (not
/// dot-stuffed) and what a sender needs to know about it.
struct GeneratedMessage: Sendable {
    /// The MIME shape of the message.
    enum Shape: String, Sendable, CaseIterable {
        /// One text/plain part.
        case plain
        /// multipart/alternative: text/plain and text/html.
        case alternative
        /// multipart/mixed: text (plain or alternative) and base64 attachments.
        case withAttachments
    }

    let bytes: [UInt8]
    /// The From address (for the SMTP envelope).
    let sender: String
    let messageID: String
    let shape: Shape
    /// Whether it answers an earlier message (In-Reply-To and References are set).
    let isReply: Bool
    /// Whether a part carries raw 8-bit UTF-8 (so SMTP should say BODY=8BITMIME).
    let hasEightBitText: Bool
}
