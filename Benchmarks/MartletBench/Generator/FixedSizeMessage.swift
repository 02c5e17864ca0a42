import NIOCore

/// The messages the smtp and imap workloads send: about `size` bytes each, a shared
/// plain-text body and a small unique header section (so no two are identical: a store
/// that deduplicates content gets no unfair advantage).
struct FixedSizeMessage: Sendable {
    let size: Int
    let sender: String
    /// Identifies the run in Message-IDs, so repeated runs never repeat a message.
    let runID: String
    /// The body, dot-stuffed (it never starts a line with "."), ending with CRLF.
    let body: ByteBuffer

    init(size: Int, sender: String, runID: String) {
        self.size = size
        self.sender = sender
        self.runID = runID
        body = ByteBuffer(bytes: Self.bodyBytes(count: max(0, size - Self.approximateHeaderSize)))
    }

    private static let approximateHeaderSize = 330

    /// Lines of 72 characters and CRLF: a line number and letters.
    static func bodyBytes(count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 74)
        let letters = Array("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 filler text".utf8)
        var lineNumber = 0
        while bytes.count < count {
            lineNumber += 1
            let prefix = Array("line \(lineNumber) ".utf8)
            let line = prefix + letters.prefix(max(0, 72 - prefix.count))
            bytes.append(contentsOf: line)
            bytes.append(contentsOf: [13, 10])
        }
        if bytes.isEmpty { bytes.append(contentsOf: Array("empty\r\n".utf8)) }
        return bytes
    }

    /// The header section of message `sequence` of client `client` to `recipient`.
    func header(recipient: String, client: Int, sequence: Int) -> ByteBuffer {
        let text = "From: <\(sender)>\r\n"
            + "To: <\(recipient)>\r\n"
            + "Subject: martlet-bench message \(sequence) from client \(client)\r\n"
            + "Date: \(MessageDate.format(secondsSince1970: MessageDate.generatorEpoch + sequence))\r\n"
            + "Message-ID: <\(runID).\(client).\(sequence)@martlet-bench.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "X-Martlet-Bench: run \(runID) client \(client) message \(sequence)\r\n"
            + "\r\n"
        return ByteBuffer(string: text)
    }

    /// The whole message (header and body) as one buffer, e.g. for IMAP APPEND.
    func message(recipient: String, client: Int, sequence: Int) -> ByteBuffer {
        var buffer = header(recipient: recipient, client: client, sequence: sequence)
        var body = self.body
        buffer.writeBuffer(&body)
        return buffer
    }
}
