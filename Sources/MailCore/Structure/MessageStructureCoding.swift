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
        parts.withUnsafeBufferPointer { parts in
            guard let first = parts.baseAddress else { return }
            for index in parts.indices { Self.write(first + index, to: &writer) }
        }
        return writer.finish()
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
        for index in 0..<count {
            // Read in place: a copy of a part costs a retain per field.
            parts.append(BodyPart(headerRange: 0..<0, bodyRange: 0..<0))
            try parts.withUnsafeMutableBufferPointer { (parts) throws(MessageStructureDecodingError) in
                try Self.readPart(&reader, size: size, into: &parts[index])
            }
        }
        guard reader.isAtEnd else { throw .malformed("trailing bytes") }
        try Self.validateTree(parts)
        self.init(size: size, parts: parts, preview: preview)
    }

    /// Writes the part at `part` (read in place: a copy of a part costs a retain per field).
    private static func write(_ part: UnsafePointer<BodyPart>, to writer: inout BinaryWriter) {
        var flags = 0
        if part.pointee.contentID != nil { flags |= PartFlag.contentID }
        if part.pointee.contentDescription != nil { flags |= PartFlag.contentDescription }
        if part.pointee.contentMD5 != nil { flags |= PartFlag.contentMD5 }
        if part.pointee.disposition != nil { flags |= PartFlag.disposition }
        if part.pointee.location != nil { flags |= PartFlag.location }
        if part.pointee.envelope != nil { flags |= PartFlag.envelope }
        writer.byte(part.pointee.kind.rawValue)
        writer.varint(flags)
        writer.string(part.pointee.type)
        writer.string(part.pointee.subtype)
        write(part.pointee.parameters, to: &writer)
        if let value = part.pointee.contentID { writer.string(value) }
        if let value = part.pointee.contentDescription { writer.string(value) }
        if let value = part.pointee.contentMD5 { writer.string(value) }
        writer.string(part.pointee.contentTransferEncoding)
        if let disposition = part.pointee.disposition {
            writer.string(disposition.type)
            write(disposition.parameters, to: &writer)
        }
        writer.varint(part.pointee.languages.count)
        for language in part.pointee.languages { writer.string(language) }
        if let value = part.pointee.location { writer.string(value) }
        writer.range(part.pointee.headerRange)
        writer.range(part.pointee.bodyRange)
        writer.varint(part.pointee.lineCount)
        writer.varint(part.pointee.childCount)
        writer.varint(part.pointee.descendantCount)
        if let envelope = part.pointee.envelope { write(envelope, to: &writer) }
    }

    private static func readPart(_ reader: inout BinaryReader, size: Int,
                                 into part: inout BodyPart) throws(MessageStructureDecodingError) {
        guard let kind = BodyPart.Kind(rawValue: try reader.byte()) else { throw .malformed("unknown part kind") }
        part.kind = kind
        let flags = try reader.varint()
        guard flags < 64 else { throw .malformed("unknown part flags") }
        part.type = try reader.string()
        part.subtype = try reader.string()
        part.parameters = try readParameters(&reader)
        if flags & PartFlag.contentID != 0 { part.contentID = try reader.string() }
        if flags & PartFlag.contentDescription != 0 { part.contentDescription = try reader.string() }
        if flags & PartFlag.contentMD5 != 0 { part.contentMD5 = try reader.string() }
        part.contentTransferEncoding = try reader.string()
        if flags & PartFlag.disposition != 0 {
            let dispositionType = try reader.string()
            part.disposition = ContentDisposition(type: dispositionType, parameters: try readParameters(&reader))
        }
        let languageCount = try reader.count()
        if languageCount > 0 {
            part.languages.reserveCapacity(languageCount)
            for _ in 0..<languageCount { part.languages.append(try reader.string()) }
        }
        if flags & PartFlag.location != 0 { part.location = try reader.string() }
        part.headerRange = try reader.range(within: size)
        part.bodyRange = try reader.range(within: size)
        part.lineCount = try reader.varint()
        part.childCount = try reader.varint()
        part.descendantCount = try reader.varint()
        if flags & PartFlag.envelope != 0 { part.envelope = try readEnvelope(&reader) }
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
        let date = flags & EnvelopeFlag.date != 0 ? try reader.string() : nil
        let subject = flags & EnvelopeFlag.subject != 0 ? try reader.string() : nil
        let inReplyTo = flags & EnvelopeFlag.inReplyTo != 0 ? try reader.string() : nil
        let messageID = flags & EnvelopeFlag.messageID != 0 ? try reader.string() : nil
        let from = try readAddresses(&reader)
        let sender = flags & EnvelopeFlag.senderIsFrom != 0 ? from : try readAddresses(&reader)
        let replyTo = flags & EnvelopeFlag.replyToIsFrom != 0 ? from : try readAddresses(&reader)
        return Envelope(date: date, subject: subject, from: from, sender: sender, replyTo: replyTo,
                        to: try readAddresses(&reader), cc: try readAddresses(&reader), bcc: try readAddresses(&reader),
                        inReplyTo: inReplyTo, messageID: messageID)
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
        guard count > 0 else { return [] }
        var addresses = [EnvelopeAddress]()
        addresses.reserveCapacity(count)
        for _ in 0..<count {
            let flags = Int(try reader.byte())
            guard flags < 16 else { throw .malformed("unknown address flags") }
            let name = flags & AddressFlag.name != 0 ? try reader.string() : nil
            let route = flags & AddressFlag.route != 0 ? try reader.string() : nil
            let mailbox = flags & AddressFlag.mailbox != 0 ? try reader.string() : nil
            let host = flags & AddressFlag.host != 0 ? try reader.string() : nil
            addresses.append(EnvelopeAddress(name: name, route: route, mailbox: mailbox, host: host))
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
