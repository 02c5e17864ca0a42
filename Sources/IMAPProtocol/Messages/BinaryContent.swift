import MailCore

/// The content of `BINARY[part]` and `BINARY.SIZE[part]` (RFC 3516, RFC 9051 §6.4.5): the
/// part's body with its Content-Transfer-Encoding removed.
enum BinaryContent {
    /// The decoded content of a part, or nil when the part does not exist. `BINARY[]` is the
    /// whole message as it is; a part in an identity encoding (7bit, 8bit, binary) is a range
    /// of the message.
    static func content(ofPart part: [Int], structure: MessageStructure, bytes: [UInt8]) throws(FetchError) -> FetchContent? {
        guard !part.isEmpty else { return .messageRange(0..<bytes.count) }
        guard let index = structure.partIndex(forSection: part) else { return nil }
        let body = structure.parts[index]
        let range = SectionContent.clamp(body.bodyRange, to: bytes.count)
        let encoding = body.transferEncoding
        if case .other(let name) = encoding {
            throw .unknownTransferEncoding(part: part, encoding: name)
        }
        if encoding.isIdentity { return .messageRange(range) }
        return .made(encoding.decode(bytes[range]).bytes)
    }

    /// Whether content must travel as a literal8 (`~{n}`): it holds NUL (RFC 3516 §4.2).
    static func needsLiteral8(_ content: FetchContent, in bytes: [UInt8]) -> Bool {
        content.octets(in: bytes).contains(0)
    }
}
