import Crypto
import MailCore

/// The conversation a message belongs to, as its content names it: a hash of the
/// Message-ID of the thread's first message. That is the first identifier of the
/// References field (RFC 5322 §3.6.4 has replies keep it), else the first of In-Reply-To,
/// else the message's own Message-ID: a reply and the message it answers come to the same
/// root without the store looking anything up at delivery, and every copy of one content
/// has the same root. A reply that names only its immediate parent (In-Reply-To without
/// References) below the first reply starts a thread of its own; so does a message whose
/// References a broken client rewrote.
///
/// Kept with the content (`blob.thread_root`), so that THREADID (RFC 8474 §5.2) is read
/// and searched without reading message octets.
struct ThreadRoot: Hashable, Sendable {
    /// The first 16 octets of the SHA-256 of the root identifier (without angle brackets).
    let bytes: [UInt8]

    /// The octets as stored; nil unless there are 16 of them.
    init?(bytes: [UInt8]) {
        guard bytes.count == Self.length else { return nil }
        self.bytes = bytes
    }

    /// The root of a message identifier.
    init(messageID: String) {
        bytes = Array(SHA256.hash(data: Array(messageID.utf8)).prefix(Self.length))
    }

    static let length = 16

    /// The root named by a message's header fields (read from its octets, where the
    /// structure locates its header); nil when it has no identifier at all.
    static func of(_ bytes: [UInt8], structure: MessageStructure) -> ThreadRoot? {
        let header = MessageHeader(parsing: bytes, in: structure.root.headerRange)
        let references = header.firstField(named: "References").map { MessageIDListParser.parse(header.unfoldedValue(of: $0)) }
        return of(firstReference: references?.first, envelope: structure.envelope)
    }

    /// The root from the first identifier of References (when known) and the envelope's
    /// In-Reply-To and Message-ID.
    static func of(firstReference: String?, envelope: Envelope) -> ThreadRoot? {
        let root = firstReference
            ?? envelope.inReplyTo.flatMap { MessageIDListParser.parse($0).first }
            ?? envelope.messageID.flatMap { MessageIDListParser.parse($0).first }
        return root.map(ThreadRoot.init(messageID:))
    }
}
