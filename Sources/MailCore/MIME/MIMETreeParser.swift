/// Builds the MIME tree of a message (RFC 2045-2049) in one forward pass, without recursion:
/// an explicit stack of open multiparts and message parts, one boundary matcher for all
/// active boundaries (so a missing close delimiter ends at the enclosing one), and limits
/// on depth and part count beyond which entities stay unparsed leaves.
struct MIMETreeParser {
    let bytes: [UInt8]
    let limits: MessageParserLimits
    var defects: DefectLog

    /// The parts in pre-order.
    private(set) var parts: [BodyPart] = []
    /// The parent of each part (-1 for the top).
    private(set) var parents: [Int] = []
    /// The header of the top-level message.
    private(set) var topHeader: HeaderScan? = nil
    /// The envelope fields of the top-level message.
    private(set) var topSummary: MessageHeaderSummary? = nil
    private(set) var topKnownFields: KnownFieldIndex? = nil

    private var boundaries = BoundaryMatcher()
    private var frames: [Frame] = []
    private var end: Int { bytes.count }
    /// The fields of the entity being read (kept to reuse its storage).
    private var fieldStorage: [HeaderField] = []

    /// An open container: a multipart whose parts are being read, or a message part whose
    /// encapsulated message is being read.
    private struct Frame {
        var partIndex: Int
        var isMultipart: Bool
        var boundaryLevel: Int
        var childCount: Int
        var isDigest: Bool
    }

    init(bytes: [UInt8], limits: MessageParserLimits, defects: DefectLog) {
        self.bytes = bytes
        self.limits = limits
        self.defects = defects
    }

    mutating func parse() {
        parts.reserveCapacity(4)
        var next: Int? = 0
        while let position = next {
            next = step(at: position)
        }
    }

    /// Reads the entity starting at `position`; returns where the next entity starts, or nil at the end.
    private mutating func step(at position: Int) -> Int? {
        let parentFrame = frames.last
        if let parentFrame, parentFrame.isMultipart, parts.count >= limits.maximumParts {
            defects.record(.tooManyParts(limit: limits.maximumParts))
            return propagate(boundaries.nextDelimiter(in: bytes, from: position, to: end))
        }
        if let parentFrame, parentFrame.isMultipart { frames[frames.count - 1].childCount += 1 }
        let isMessageHeader = parentFrame == nil || parentFrame?.isMultipart == false

        // The top header's fields are kept in the result; the others only while the entity is read.
        var fields = parentFrame == nil ? [HeaderField]() : fieldStorage
        fieldStorage = []
        fields.removeAll(keepingCapacity: true)
        var known = KnownFieldIndex()
        let header = HeaderParser(maximumFields: limits.maximumHeaderFields)
            .scan(bytes, from: position, to: end, boundaries: boundaries, into: &fields, known: &known, defects: &defects)
        known = known.with(fields: fields)
        let index = parts.count
        let bodyStart = header.bodyStart
        // The part is filled in place (a copy of a part costs a retain per field).
        parts.append(BodyPart(headerRange: header.range, bodyRange: bodyStart..<bodyStart))
        parents.append(parentFrame?.partIndex ?? -1)
        let inDigest = parentFrame?.isDigest == true
        let facts = parts.withUnsafeMutableBufferPointer { parts in
            EntityHeader.read(bytes, known, into: &parts[index], inDigest: inDigest, defects: &defects)
        }
        if isMessageHeader {
            let summary = MessageHeaderSummary(bytes, known, maximumAddresses: limits.maximumAddressesPerField, defects: &defects)
            parts[index].envelope = summary.envelope
            if parentFrame == nil {
                topHeader = HeaderScan(fields: fields, range: header.range, bodyStart: header.bodyStart, end: header.end)
                topSummary = summary
                topKnownFields = known
            }
        }
        if parentFrame != nil {
            known = KnownFieldIndex()
            fieldStorage = fields
        }

        let boundary = facts.mediaType == .multipart ? parts[index].parameters.value(named: "boundary") : nil
        let kind = decideKind(facts, boundary: boundary, partIndex: index, offset: position)
        parts[index].kind = kind

        var headerMatch: BoundaryMatch? = nil
        if case .boundary(let match) = header.end { headerMatch = match }

        switch kind {
        case .message:
            frames.append(Frame(partIndex: index, isMultipart: false, boundaryLevel: -1, childCount: 1, isDigest: false))
            return bodyStart
        case .multipart:
            boundaries.push(Array((boundary ?? "").utf8))
            frames.append(Frame(partIndex: index, isMultipart: true, boundaryLevel: boundaries.count - 1,
                                childCount: 0, isDigest: facts.isDigest))
            // The preamble is skipped up to the first delimiter (RFC 2046 §5.1.1).
            return propagate(headerMatch ?? boundaries.nextDelimiter(in: bytes, from: bodyStart, to: end))
        case .text, .basic:
            let match = headerMatch ?? boundaries.nextDelimiter(in: bytes, from: bodyStart, to: end)
            finish(index, bodyEnd: bodyEnd(before: match, notBefore: bodyStart), childCount: 0)
            return propagate(match)
        }
    }

    /// The kind of the part at `partIndex` (the last one), which its type and the limits decide.
    private mutating func decideKind(_ facts: EntityHeader.Facts, boundary: String?, partIndex: Int, offset: Int) -> BodyPart.Kind {
        let isLeafType: BodyPart.Kind = facts.mediaType == .text ? .text : .basic
        let wantsContainer: Bool
        switch facts.mediaType {
        case .multipart:
            guard let boundary, !boundary.isEmpty else {
                defects.record(.missingBoundary(offset: offset))
                return .basic
            }
            wantsContainer = true
        case .message where facts.isEncapsulatedMessage:
            guard facts.hasIdentityEncoding else {
                defects.record(.encodedMessagePart(offset: offset))
                return .basic
            }
            wantsContainer = true
        default:
            wantsContainer = false
        }
        guard wantsContainer else { return isLeafType }
        guard frames.count < Swift.min(limits.maximumMIMEDepth, MessageStructure.maximumNestingDepth) else {
            defects.record(.nestingTooDeep(limit: limits.maximumMIMEDepth))
            return .basic
        }
        // Room for the container and its first child.
        guard partIndex + 2 <= limits.maximumParts else {
            defects.record(.tooManyParts(limit: limits.maximumParts))
            return .basic
        }
        return facts.mediaType == .multipart ? .multipart : .message
    }

    /// Closes containers on the stack as the delimiter `match` (nil: end of input) requires.
    /// Returns where the next part of an open multipart starts, or nil when all is read.
    private mutating func propagate(_ initial: BoundaryMatch?) -> Int? {
        var match = initial
        while let frame = frames.last {
            let bodyStart = parts[frame.partIndex].bodyRange.lowerBound
            if !frame.isMultipart {
                // A message part ends where its encapsulated message ends.
                frames.removeLast()
                finish(frame.partIndex, bodyEnd: bodyEnd(before: match, notBefore: bodyStart), childCount: 1)
                continue
            }
            if let delimiter = match, delimiter.level == frame.boundaryLevel {
                if !delimiter.isClose { return delimiter.nextLine }
                // Close delimiter: the epilogue runs to an enclosing delimiter or the end.
                boundaries.pop()
                frames.removeLast()
                let outer = boundaries.nextDelimiter(in: bytes, from: delimiter.nextLine, to: end)
                let bodyEnd = bodyEnd(before: outer, notBefore: bodyStart)
                if frame.childCount == 0 { addEmptyPart(under: frame.partIndex, at: delimiter.lineStart) }
                finish(frame.partIndex, bodyEnd: bodyEnd, childCount: Swift.max(frame.childCount, 1))
                match = outer
                continue
            }
            // The input ended, or an enclosing multipart's delimiter came first.
            defects.record(.missingCloseDelimiter(boundary: DefectText.excerpt(boundaries.innermost[...])))
            boundaries.pop()
            frames.removeLast()
            let bodyEnd = bodyEnd(before: match, notBefore: bodyStart)
            if frame.childCount == 0 { addEmptyPart(under: frame.partIndex, at: bodyEnd) }
            finish(frame.partIndex, bodyEnd: bodyEnd, childCount: Swift.max(frame.childCount, 1))
        }
        return nil
    }

    /// Where a body ends before a delimiter line: the line break before the delimiter
    /// belongs to it (RFC 2046 §5.1.1). At the end of input, the end.
    private func bodyEnd(before match: BoundaryMatch?, notBefore start: Int) -> Int {
        guard let match else { return end }
        var position = match.lineStart
        if position > start && bytes[position - 1] == ASCII.lineFeed {
            position -= 1
            if position > start && bytes[position - 1] == ASCII.carriageReturn { position -= 1 }
        }
        return Swift.max(position, start)
    }

    private mutating func finish(_ index: Int, bodyEnd: Int, childCount: Int) {
        let start = parts[index].bodyRange.lowerBound
        let range = start..<Swift.max(start, bodyEnd)
        let descendantCount = parts.count - index - 1
        var lineCount = 0
        switch parts[index].kind {
        case .text, .message: lineCount = bytes.count(of: ASCII.lineFeed, in: range)
        case .basic, .multipart: break
        }
        parts[index].bodyRange = range
        parts[index].childCount = childCount
        parts[index].descendantCount = descendantCount
        parts[index].lineCount = lineCount
    }

    /// A multipart without parts gets an empty text/plain part, as Dovecot shows it.
    private mutating func addEmptyPart(under parent: Int, at position: Int) {
        defects.record(.multipartWithoutParts(offset: parent < parts.count ? parts[parent].bodyRange.lowerBound : 0))
        parts.append(BodyPart(kind: .text, type: "text", subtype: "plain", parameters: ContentType.defaultText.parameters,
                              headerRange: position..<position, bodyRange: position..<position))
        parents.append(parent)
    }
}
