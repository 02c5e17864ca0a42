/// The cached structure of a message: everything IMAP needs without re-parsing — ENVELOPE,
/// BODYSTRUCTURE, byte ranges of every part's header and body, sizes, line counts — plus
/// the RFC 8970 preview. The store keeps it in the compact form of `encoded()`.
public struct MessageStructure: Sendable, Equatable {
    /// The size of the whole message in octets (RFC822.SIZE).
    public var size: Int
    /// The MIME tree in pre-order; `parts[0]` is the message itself (see `BodyPart`).
    public var parts: [BodyPart]
    /// Up to 256 characters of the message's text for IMAP PREVIEW (RFC 8970).
    public var preview: String

    public init(size: Int, parts: [BodyPart], preview: String = "") {
        self.size = size
        self.parts = parts
        self.preview = preview
    }

    /// The structure of a message of `size` octets with no header and a text/plain body.
    public init(size: Int) {
        let body = 0..<Swift.max(size, 0)
        self.init(size: Swift.max(size, 0), parts: [
            BodyPart(kind: .text, type: "text", subtype: "plain", parameters: ContentType.defaultText.parameters,
                     headerRange: 0..<0, bodyRange: body, envelope: Envelope()),
        ])
    }

    /// The top-level part (the message itself).
    public var root: BodyPart {
        parts.first ?? BodyPart(kind: .text, type: "text", subtype: "plain", headerRange: 0..<0, bodyRange: 0..<0)
    }

    /// The ENVELOPE of the message.
    public var envelope: Envelope { parts.first?.envelope ?? Envelope() }

    /// The indices of the direct children of the part at `index`, in order.
    public func children(of index: Int) -> [Int] {
        guard parts.indices.contains(index) else { return [] }
        var result = [Int]()
        result.reserveCapacity(parts[index].childCount)
        var child = index + 1
        let subtreeEnd = index + parts[index].descendantCount
        while result.count < parts[index].childCount, child <= subtreeEnd, child < parts.count {
            result.append(child)
            child += parts[child].descendantCount + 1
        }
        return result
    }
}
