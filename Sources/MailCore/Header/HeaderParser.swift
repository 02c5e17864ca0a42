#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a header block ended.
enum HeaderEnd: Equatable {
    /// At the empty line that separates header and body.
    case blankLine
    /// At the end of the input (a header with no body).
    case endOfInput
    /// At a multipart delimiter line (a part with a header and no body).
    case boundary(BoundaryMatch)
    /// The first line was not a header field, so the entity has no header: the body starts at once.
    case noHeader
}

/// Where a header block is in the bytes of a message and how it ended.
struct HeaderBlock {
    /// The header, including the empty line that ends it.
    var range: Range<Int>
    var bodyStart: Int
    var end: HeaderEnd
}

/// A header block located in the bytes of a message, with its fields.
struct HeaderScan {
    var fields: [HeaderField]
    /// The header, including the empty line that ends it.
    var range: Range<Int>
    var bodyStart: Int
    var end: HeaderEnd
}

/// Finds the fields of an RFC 5322 header block (§2.2, §3.6) in linear time: folded lines
/// with CRLF or bare LF, obsolete whitespace before the colon (§4.5). Lenient: a line
/// without a colon is skipped, a first line that is not a field means there is no header,
/// an mbox `From ` first line is skipped, and fields beyond the limit are not indexed.
struct HeaderParser {
    /// RFC 5322 §2.1.1: lines must not exceed 998 octets plus CRLF.
    static let maximumLineLength = 1000

    var maximumFields: Int

    func scan(_ bytes: [UInt8], from start: Int, to end: Int, boundaries: BoundaryMatcher,
              defects: inout DefectLog) -> HeaderScan {
        var fields = [HeaderField]()
        var known = KnownFieldIndex()
        let block = scan(bytes, from: start, to: end, boundaries: boundaries, into: &fields, known: &known, defects: &defects)
        return HeaderScan(fields: fields, range: block.range, bodyStart: block.bodyStart, end: block.end)
    }

    /// Scans a header block, appending its fields to `fields` (which should be empty; it is
    /// left empty when there is no header) and noting the known ones in `known`.
    func scan(_ bytes: [UInt8], from start: Int, to end: Int, boundaries: BoundaryMatcher,
              into fields: inout [HeaderField], known: inout KnownFieldIndex, defects: inout DefectLog) -> HeaderBlock {
        let end = Swift.min(end, bytes.count)
        let (range, bodyStart, how) = bytes.withUnsafeBufferPointer { buffer in
            scan(buffer, from: start, to: end, boundaries: boundaries, into: &fields, known: &known, defects: &defects)
        }
        if how == .noHeader {
            fields.removeAll(keepingCapacity: true)
            known = KnownFieldIndex()
        } else {
            checkBytes(bytes, range, fields, defects: &defects)
        }
        return HeaderBlock(range: range, bodyStart: bodyStart, end: how)
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, boundaries: BoundaryMatcher,
                      into fields: inout [HeaderField], known: inout KnownFieldIndex,
                      defects: inout DefectLog) -> (Range<Int>, Int, HeaderEnd) {
        guard let base = bytes.baseAddress, start < end else { return (start..<Swift.max(start, end), Swift.max(start, end), .endOfInput) }
        if fields.capacity == 0 { fields.reserveCapacity(16) }
        var fieldStart = -1          // start of the field being read, or -1
        var nameRange = 0..<0
        var valueStart = 0
        var valueEnd = 0
        var skippingBadLine = false
        var reportedLongLine = false
        var reportedTooMany = false
        var lineStart = start
        var isFirstLine = true

        func finishField(at fieldEnd: Int) {
            guard fieldStart >= 0 else { return }
            if fields.count < maximumFields {
                if let name = KnownHeaderField.classify(base, nameRange) { known.note(name, at: fields.count) }
                fields.append(HeaderField(nameRange: nameRange, valueRange: valueStart..<valueEnd, range: fieldStart..<fieldEnd))
            } else if !reportedTooMany {
                reportedTooMany = true
                defects.record(.tooManyHeaderFields(limit: maximumFields))
            }
            fieldStart = -1
        }

        while lineStart < end {
            let lineFeed = memchr(base + lineStart, Int32(ASCII.lineFeed), end - lineStart)
                .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            let nextLine = lineFeed.map { $0 + 1 } ?? end
            var contentEnd = lineFeed ?? end
            if lineFeed != nil && contentEnd > lineStart && base[contentEnd - 1] == ASCII.carriageReturn { contentEnd -= 1 }
            if nextLine - lineStart > Self.maximumLineLength && !reportedLongLine {
                reportedLongLine = true
                defects.record(.lineTooLong(offset: lineStart))
            }
            if contentEnd == lineStart {
                finishField(at: lineStart)
                return (start..<nextLine, nextLine, .blankLine)
            }
            let first = base[lineStart]
            if first == ASCII.hyphen, let found = boundaries.match(bytes, lineStart: lineStart, contentEnd: contentEnd) {
                finishField(at: lineStart)
                let match = BoundaryMatch(level: found.level, isClose: found.isClose, lineStart: lineStart, nextLine: nextLine)
                return (start..<lineStart, lineStart, .boundary(match))
            }
            if ASCII.isWhitespace(first) {
                // A folded continuation line (§2.2.3).
                if fieldStart >= 0 {
                    valueEnd = contentEnd
                } else if !skippingBadLine {
                    defects.record(.continuationWithoutField(offset: lineStart))
                    skippingBadLine = true
                }
                lineStart = nextLine
                isFirstLine = false
                continue
            }
            finishField(at: lineStart)
            skippingBadLine = false
            if let colon = memchr(base + lineStart, Int32(ASCII.colon), contentEnd - lineStart)
                .map({ base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }),
               let name = fieldName(base, lineStart, colon) {
                fieldStart = lineStart
                nameRange = name
                valueStart = colon + 1
                valueEnd = contentEnd
            } else if isFirstLine {
                if contentEnd - lineStart >= 5 && ASCII.equalsCaseInsensitive(base + lineStart, 5, "from ") && start == 0 {
                    defects.record(.mboxSeparatorLine)
                    skippingBadLine = true
                } else {
                    return (start..<start, start, .noHeader)
                }
            } else {
                defects.record(.headerLineWithoutColon(offset: lineStart))
                skippingBadLine = true
            }
            isFirstLine = false
            lineStart = nextLine
        }
        finishField(at: end)
        return (start..<end, end, .endOfInput)
    }

    /// The name before the colon without trailing whitespace (§4.5.3), if it is all `ftext`.
    private func fieldName(_ base: UnsafePointer<UInt8>, _ lineStart: Int, _ colon: Int) -> Range<Int>? {
        var nameEnd = colon
        while nameEnd > lineStart && ASCII.isWhitespace(base[nameEnd - 1]) { nameEnd -= 1 }
        guard nameEnd > lineStart else { return nil }
        var index = lineStart
        while index < nameEnd {
            if !ASCII.isFieldNameCharacter(base[index]) { return nil }
            index += 1
        }
        return lineStart..<nameEnd
    }

    /// Records NULs, bare CRs and fields that are not UTF-8 (RFC 6532) in the header.
    private func checkBytes(_ bytes: [UInt8], _ range: Range<Int>, _ fields: [HeaderField], defects: inout DefectLog) {
        guard !range.isEmpty else { return }
        if let nul = bytes.firstIndex(of: ASCII.nul, in: range) {
            defects.record(.nulInHeader(offset: nul))
        }
        var searchFrom = range.lowerBound
        while let carriageReturn = bytes.firstIndex(of: ASCII.carriageReturn, in: searchFrom..<range.upperBound) {
            if carriageReturn + 1 >= bytes.count || bytes[carriageReturn + 1] != ASCII.lineFeed {
                defects.record(.bareCarriageReturn(offset: carriageReturn))
                break
            }
            searchFrom = carriageReturn + 2
        }
        guard bytes.containsNonASCII(in: range) else { return }
        for field in fields where bytes.containsNonASCII(in: field.range) {
            if !UTF8Validation.isValid(bytes[field.valueRange]) {
                defects.record(.headerNotUTF8(field: DefectText.excerpt(bytes[field.nameRange])))
            }
        }
    }
}
