/// Why bytes could not be decoded as a `MessageStructure`.
public enum MessageStructureDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes do not start with the structure marker.
    case notAStructure
    /// The bytes were written by a newer format version.
    case unsupportedVersion(UInt8)
    /// The bytes end before the structure does.
    case truncated
    /// A value is out of range or the part tree is inconsistent.
    case malformed(String)

    public var description: String {
        switch self {
        case .notAStructure: "the bytes are not an encoded message structure"
        case .unsupportedVersion(let version): "message structure format version \(version) is not supported"
        case .truncated: "the encoded message structure is truncated"
        case .malformed(let reason): "the encoded message structure is malformed: \(reason)"
        }
    }
}

extension MessageStructure {
    /// The first byte of every encoded structure.
    static let marker: UInt8 = 0xB5
    /// The format version written by `encoded()`.
    static let formatVersion: UInt8 = 1
    /// The deepest part tree a decoded structure may have (the parser never builds deeper).
    public static let maximumNestingDepth = 1_000

    private enum PartFlag {
        static let contentID = 1, contentDescription = 2, contentMD5 = 4, disposition = 8, location = 16, envelope = 32
    }

    private enum EnvelopeFlag {
        static let date = 1, subject = 2, inReplyTo = 4, messageID = 8, senderIsFrom = 16, replyToIsFrom = 32
    }

    private enum AddressFlag {
        static let name = 1, route = 2, mailbox = 4, host = 8
    }

    /// A compact binary form for the store; `init(decoding:)` reads it back.
    public func encoded() -> [UInt8] {
        var writer = BinaryWriter(capacity: 64 + parts.count * 48 + preview.utf8.count)
        writer.byte(Self.marker)
        writer.byte(Self.formatVersion)
        writer.varint(size)
        writer.string(preview)
        writer.varint(parts.count)
        for part in parts { Self.write(part, to: &writer) }
        return writer.bytes
    }

    /// Decodes what `encoded()` produced. Throws on anything truncated, out of range or
    /// inconsistent; never crashes on corrupt input.
    public init(decoding bytes: [UInt8]) throws(MessageStructureDecodingError) {
        var reader = BinaryReader(bytes)
        guard try reader.byte() == Self.marker else { throw .notAStructure }
        let version = try reader.byte()
        guard version == Self.formatVersion else { throw .unsupportedVersion(version) }
        let size = try reader.varint()
        let preview = try reader.string()
        let count = try reader.count()
        guard count >= 1 else { throw .malformed("no parts") }
        var parts = [BodyPart]()
        parts.reserveCapacity(count)
        for _ in 0..<count { parts.append(try Self.readPart(&reader, size: size)) }
        guard reader.isAtEnd else { throw .malformed("trailing bytes") }
        try Self.validateTree(parts)
        self.init(size: size, parts: parts, preview: preview)
    }

    private static func write(_ part: BodyPart, to writer: inout BinaryWriter) {
        var flags = 0
        if part.contentID != nil { flags |= PartFlag.contentID }
        if part.contentDescription != nil { flags |= PartFlag.contentDescription }
        if part.contentMD5 != nil { flags |= PartFlag.contentMD5 }
        if part.disposition != nil { flags |= PartFlag.disposition }
        if part.location != nil { flags |= PartFlag.location }
        if part.envelope != nil { flags |= PartFlag.envelope }
        writer.byte(part.kind.rawValue)
        writer.varint(flags)
        writer.string(part.type)
        writer.string(part.subtype)
        write(part.parameters, to: &writer)
        if let value = part.contentID { writer.string(value) }
        if let value = part.contentDescription { writer.string(value) }
        if let value = part.contentMD5 { writer.string(value) }
        writer.string(part.contentTransferEncoding)
        if let disposition = part.disposition {
            writer.string(disposition.type)
            write(disposition.parameters, to: &writer)
        }
        writer.varint(part.languages.count)
        for language in part.languages { writer.string(language) }
        if let value = part.location { writer.string(value) }
        writer.range(part.headerRange)
        writer.range(part.bodyRange)
        writer.varint(part.lineCount)
        writer.varint(part.childCount)
        writer.varint(part.descendantCount)
        if let envelope = part.envelope { write(envelope, to: &writer) }
    }

    private static func readPart(_ reader: inout BinaryReader, size: Int) throws(MessageStructureDecodingError) -> BodyPart {
        guard let kind = BodyPart.Kind(rawValue: try reader.byte()) else { throw .malformed("unknown part kind") }
        let flags = try reader.varint()
        guard flags < 64 else { throw .malformed("unknown part flags") }
        let type = try reader.string()
        let subtype = try reader.string()
        let parameters = try readParameters(&reader)
        let contentID = flags & PartFlag.contentID != 0 ? try reader.string() : nil
        let contentDescription = flags & PartFlag.contentDescription != 0 ? try reader.string() : nil
        let contentMD5 = flags & PartFlag.contentMD5 != 0 ? try reader.string() : nil
        let encoding = try reader.string()
        var disposition: ContentDisposition? = nil
        if flags & PartFlag.disposition != 0 {
            let dispositionType = try reader.string()
            disposition = ContentDisposition(type: dispositionType, parameters: try readParameters(&reader))
        }
        let languageCount = try reader.count()
        var languages = [String]()
        languages.reserveCapacity(languageCount)
        for _ in 0..<languageCount { languages.append(try reader.string()) }
        let location = flags & PartFlag.location != 0 ? try reader.string() : nil
        let headerRange = try reader.range(within: size)
        let bodyRange = try reader.range(within: size)
        let lineCount = try reader.varint()
        let childCount = try reader.varint()
        let descendantCount = try reader.varint()
        let envelope = flags & PartFlag.envelope != 0 ? try readEnvelope(&reader) : nil
        return BodyPart(kind: kind, type: type, subtype: subtype, parameters: parameters, contentID: contentID,
                        contentDescription: contentDescription, contentTransferEncoding: encoding, contentMD5: contentMD5,
                        disposition: disposition, languages: languages, location: location, headerRange: headerRange,
                        bodyRange: bodyRange, lineCount: lineCount, envelope: envelope, childCount: childCount,
                        descendantCount: descendantCount)
    }

    private static func write(_ parameters: MIMEParameters, to writer: inout BinaryWriter) {
        writer.varint(parameters.list.count)
        for parameter in parameters.list {
            writer.string(parameter.name)
            writer.string(parameter.value)
        }
    }

    private static func readParameters(_ reader: inout BinaryReader) throws(MessageStructureDecodingError) -> MIMEParameters {
        let count = try reader.count()
        var list = [MIMEParameter]()
        list.reserveCapacity(count)
        for _ in 0..<count {
            let name = try reader.string()
            list.append(MIMEParameter(name: name, value: try reader.string()))
        }
        return MIMEParameters(list)
    }

    private static func write(_ envelope: Envelope, to writer: inout BinaryWriter) {
        var flags = 0
        if envelope.date != nil { flags |= EnvelopeFlag.date }
        if envelope.subject != nil { flags |= EnvelopeFlag.subject }
        if envelope.inReplyTo != nil { flags |= EnvelopeFlag.inReplyTo }
        if envelope.messageID != nil { flags |= EnvelopeFlag.messageID }
        if envelope.sender == envelope.from { flags |= EnvelopeFlag.senderIsFrom }
        if envelope.replyTo == envelope.from { flags |= EnvelopeFlag.replyToIsFrom }
        writer.varint(flags)
        if let value = envelope.date { writer.string(value) }
        if let value = envelope.subject { writer.string(value) }
        if let value = envelope.inReplyTo { writer.string(value) }
        if let value = envelope.messageID { writer.string(value) }
        write(envelope.from, to: &writer)
        if flags & EnvelopeFlag.senderIsFrom == 0 { write(envelope.sender, to: &writer) }
        if flags & EnvelopeFlag.replyToIsFrom == 0 { write(envelope.replyTo, to: &writer) }
        write(envelope.to, to: &writer)
        write(envelope.cc, to: &writer)
        write(envelope.bcc, to: &writer)
    }

    private static func readEnvelope(_ reader: inout BinaryReader) throws(MessageStructureDecodingError) -> Envelope {
        let flags = try reader.varint()
        guard flags < 64 else { throw .malformed("unknown envelope flags") }
        var envelope = Envelope()
        if flags & EnvelopeFlag.date != 0 { envelope.date = try reader.string() }
        if flags & EnvelopeFlag.subject != 0 { envelope.subject = try reader.string() }
        if flags & EnvelopeFlag.inReplyTo != 0 { envelope.inReplyTo = try reader.string() }
        if flags & EnvelopeFlag.messageID != 0 { envelope.messageID = try reader.string() }
        envelope.from = try readAddresses(&reader)
        envelope.sender = flags & EnvelopeFlag.senderIsFrom != 0 ? envelope.from : try readAddresses(&reader)
        envelope.replyTo = flags & EnvelopeFlag.replyToIsFrom != 0 ? envelope.from : try readAddresses(&reader)
        envelope.to = try readAddresses(&reader)
        envelope.cc = try readAddresses(&reader)
        envelope.bcc = try readAddresses(&reader)
        return envelope
    }

    private static func write(_ addresses: [EnvelopeAddress], to writer: inout BinaryWriter) {
        writer.varint(addresses.count)
        for address in addresses {
            var flags = 0
            if address.name != nil { flags |= AddressFlag.name }
            if address.route != nil { flags |= AddressFlag.route }
            if address.mailbox != nil { flags |= AddressFlag.mailbox }
            if address.host != nil { flags |= AddressFlag.host }
            writer.byte(UInt8(flags))
            if let value = address.name { writer.string(value) }
            if let value = address.route { writer.string(value) }
            if let value = address.mailbox { writer.string(value) }
            if let value = address.host { writer.string(value) }
        }
    }

    private static func readAddresses(_ reader: inout BinaryReader) throws(MessageStructureDecodingError) -> [EnvelopeAddress] {
        let count = try reader.count()
        var addresses = [EnvelopeAddress]()
        addresses.reserveCapacity(count)
        for _ in 0..<count {
            let flags = Int(try reader.byte())
            guard flags < 16 else { throw .malformed("unknown address flags") }
            var address = EnvelopeAddress()
            if flags & AddressFlag.name != 0 { address.name = try reader.string() }
            if flags & AddressFlag.route != 0 { address.route = try reader.string() }
            if flags & AddressFlag.mailbox != 0 { address.mailbox = try reader.string() }
            if flags & AddressFlag.host != 0 { address.host = try reader.string() }
            addresses.append(address)
        }
        return addresses
    }

    /// Checks that the flat pre-order tree is consistent: subtrees nest, children counts
    /// match, multiparts have children, message parts exactly one, leaves none, depth bounded.
    private static func validateTree(_ fullParts: [BodyPart]) throws(MessageStructureDecodingError) {
        let parts = fullParts.map { (kind: $0.kind, childCount: $0.childCount, descendantCount: $0.descendantCount) }
        let count = parts.count
        guard parts[0].descendantCount == count - 1 else { throw .malformed("the top part does not hold all parts") }
        var totalChildren = 0
        for part in parts {
            guard part.childCount <= count, part.descendantCount < count else { throw .malformed("part counts out of range") }
            totalChildren += part.childCount
        }
        guard totalChildren == count - 1 else { throw .malformed("child counts do not add up") }
        var openSubtreeEnds = [Int]()
        for (index, part) in parts.enumerated() {
            let subtreeEnd = index + part.descendantCount
            guard subtreeEnd < count else { throw .malformed("subtree runs past the last part") }
            switch part.kind {
            case .basic, .text:
                guard part.childCount == 0, part.descendantCount == 0 else { throw .malformed("a leaf part has children") }
            case .message:
                guard part.childCount == 1 else { throw .malformed("a message part must have one child") }
            case .multipart:
                guard part.childCount >= 1 else { throw .malformed("a multipart has no children") }
            }
            var child = index + 1
            for _ in 0..<part.childCount {
                guard child <= subtreeEnd else { throw .malformed("children run past their parent") }
                child += parts[child].descendantCount + 1
            }
            guard child == subtreeEnd + 1 else { throw .malformed("children do not fill their parent") }
            while let last = openSubtreeEnds.last, last < index { openSubtreeEnds.removeLast() }
            if let last = openSubtreeEnds.last, subtreeEnd > last { throw .malformed("subtrees overlap") }
            openSubtreeEnds.append(subtreeEnd)
            guard openSubtreeEnds.count <= maximumNestingDepth + 1 else { throw .malformed("parts nest too deep") }
        }
    }
}
