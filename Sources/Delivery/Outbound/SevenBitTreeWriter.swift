import MailCore

/// Writes the 7-bit form of a parsed message (RFC 6152 §3), walking MailCore's MIME tree by
/// the byte ranges the parser recorded: headers and bodies of parts, and the bytes between
/// them (delimiter lines, preambles, epilogues), in order. Recursion follows the tree, which
/// the parser bounds by its depth limit; `maximumDepth` bounds it again.
struct SevenBitTreeWriter {
    let message: [UInt8]
    let structure: MessageStructure
    let maximumDepth: Int
    private(set) var output: [UInt8] = []
    /// The boundaries of the multiparts enclosing the part being written, outermost first.
    private var boundaries: [[UInt8]] = []

    init(message: [UInt8], structure: MessageStructure, maximumDepth: Int) {
        self.message = message
        self.structure = structure
        self.maximumDepth = maximumDepth
        output.reserveCapacity(message.count + message.count / 4)
    }

    /// Writes the part at `index` with its subtree; false when it cannot be made 7-bit.
    mutating func write(partAt index: Int, depth: Int) -> Bool {
        guard depth <= maximumDepth, structure.parts.indices.contains(index) else { return false }
        let part = structure.parts[index]
        guard part.headerRange.lowerBound >= 0, part.headerRange.upperBound <= part.bodyRange.lowerBound,
              part.bodyRange.upperBound <= message.count else { return false }
        // RFC 6531: 8-bit header fields need SMTPUTF8; they cannot be downgraded here.
        guard !SevenBitData.containsEightBit(message[part.headerRange]) else { return false }
        switch part.kind {
        case .text, .basic:
            return writeLeaf(part)
        case .multipart, .message:
            let mark = output.count
            if writeContainer(part, at: index, depth: depth) { return true }
            // Only a message/global may instead be encoded whole (e.g. for its 8-bit inner header).
            output.removeSubrange(mark...)
            return Self.mayBeEncodedWhole(part) && writeLeaf(part)
        }
    }

    /// Appends bytes that readers ignore or that are structure (delimiter lines, preamble,
    /// epilogue): an 8-bit octet becomes `?` rather than the text being dropped.
    mutating func copyIgnorable(_ range: Range<Int>) {
        guard range.lowerBound >= 0, range.upperBound <= message.count else { return }
        for byte in message[range] {
            output.append(byte < 0x80 ? byte : SevenBitData.questionMark)
        }
    }

    /// A multipart or a parsed message part: its header (relabelled 7bit if it said 8bit or
    /// binary, RFC 2045 §6.4), then its children in order with the bytes between them.
    private mutating func writeContainer(_ part: BodyPart, at index: Int, depth: Int) -> Bool {
        let children = structure.children(of: index)
        guard !children.isEmpty, children.count == part.childCount else { return false }
        let pushesBoundary = part.kind == .multipart
        if pushesBoundary {
            guard let boundary = part.parameters.value(named: "boundary") else { return false }
            boundaries.append(Array(boundary.utf8))
        }
        defer { if pushesBoundary { boundaries.removeLast() } }
        let declared = part.transferEncoding
        writeHeader(part, relabelledAs: declared == .eightBit || declared == .binary ? "7bit" : nil)
        var cursor = part.bodyRange.lowerBound
        for child in children {
            let childPart = structure.parts[child]
            guard childPart.headerRange.lowerBound >= cursor,
                  childPart.bodyRange.upperBound <= part.bodyRange.upperBound else { return false }
            copyIgnorable(cursor..<childPart.headerRange.lowerBound)
            guard write(partAt: child, depth: depth + 1) else { return false }
            cursor = childPart.bodyRange.upperBound
        }
        copyIgnorable(cursor..<part.bodyRange.upperBound)
        return true
    }

    /// A part written whole: copied if its body is 7bit data (RFC 2045 §2.7), relabelled 7bit
    /// if it said 8bit or binary; otherwise re-encoded, which a composite type may not be
    /// (§6.4) except message/global and its relatives (RFC 6532 §3.7, RFC 6533 §6).
    private mutating func writeLeaf(_ part: BodyPart) -> Bool {
        let body = message[part.bodyRange]
        let declared = part.transferEncoding
        if SevenBitData.isSevenBitData(body) {
            writeHeader(part, relabelledAs: declared == .eightBit || declared == .binary ? "7bit" : nil)
            output.append(contentsOf: body)
            return true
        }
        let isComposite = part.type == "multipart" || part.type == "message"
        guard !isComposite || Self.mayBeEncodedWhole(part) else { return false }
        guard let encoded = SevenBitBody.reencode(body, declared: declared, isText: part.kind == .text,
                                                  boundaries: boundaries) else { return false }
        writeHeader(part, relabelledAs: encoded.encoding)
        output.append(contentsOf: encoded.bytes)
        return true
    }

    /// The part's header, with its transfer encoding set to `encoding` if one is given.
    private mutating func writeHeader(_ part: BodyPart, relabelledAs encoding: String?) {
        if let encoding {
            output.append(contentsOf: SevenBitHeader.relabel(message, header: part.headerRange, as: encoding))
        } else {
            output.append(contentsOf: message[part.headerRange])
        }
        copyIgnorable(part.headerRange.upperBound..<part.bodyRange.lowerBound)
    }

    /// The message types that may take base64 or quoted-printable: message/global (RFC 6532
    /// §3.7) and the global notification types (RFC 6533 §6).
    private static func mayBeEncodedWhole(_ part: BodyPart) -> Bool {
        guard part.type == "message" else { return false }
        return ["global", "global-headers", "global-delivery-status", "global-disposition-notification"]
            .contains(part.subtype)
    }
}
