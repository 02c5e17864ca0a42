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

/// A header block located in the bytes of a message.
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
        fields.reserveCapacity(16)
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
                fields.append(HeaderField(nameRange: nameRange, valueRange: valueStart..<valueEnd, range: fieldStart..<fieldEnd))
            } else if !reportedTooMany {
                reportedTooMany = true
                defects.record(.tooManyHeaderFields(limit: maximumFields))
            }
            fieldStart = -1
        }

        func result(_ headerEnd: Int, bodyStart: Int, _ how: HeaderEnd, defects: inout DefectLog) -> HeaderScan {
            let scan = HeaderScan(fields: fields, range: start..<headerEnd, bodyStart: bodyStart, end: how)
            checkBytes(bytes, scan, defects: &defects)
            return scan
        }

        while lineStart < end {
            let lineFeed = bytes.firstIndex(of: ASCII.lineFeed, in: lineStart..<end)
            let nextLine = lineFeed.map { $0 + 1 } ?? end
            var contentEnd = lineFeed ?? end
            if contentEnd > lineStart && bytes[contentEnd - 1] == ASCII.carriageReturn && lineFeed != nil { contentEnd -= 1 }
            if nextLine - lineStart > Self.maximumLineLength && !reportedLongLine {
                reportedLongLine = true
                defects.record(.lineTooLong(offset: lineStart))
            }
            if contentEnd == lineStart {
                finishField(at: lineStart)
                return result(nextLine, bodyStart: nextLine, .blankLine, defects: &defects)
            }
            let first = bytes[lineStart]
            if first == ASCII.hyphen, let found = boundaries.match(bytes, lineStart: lineStart, contentEnd: contentEnd) {
                finishField(at: lineStart)
                let match = BoundaryMatch(level: found.level, isClose: found.isClose, lineStart: lineStart, nextLine: nextLine)
                return result(lineStart, bodyStart: lineStart, .boundary(match), defects: &defects)
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
            if let colon = bytes.firstIndex(of: ASCII.colon, in: lineStart..<contentEnd),
               let name = fieldName(bytes, lineStart, colon) {
                fieldStart = lineStart
                nameRange = name
                valueStart = colon + 1
                valueEnd = contentEnd
            } else if isFirstLine {
                if contentEnd - lineStart >= 5 && bytes.equalsCaseInsensitive(lineStart..<(lineStart + 5), "from ") && start == 0 {
                    defects.record(.mboxSeparatorLine)
                    skippingBadLine = true
                } else {
                    return HeaderScan(fields: [], range: start..<start, bodyStart: start, end: .noHeader)
                }
            } else {
                defects.record(.headerLineWithoutColon(offset: lineStart))
                skippingBadLine = true
            }
            isFirstLine = false
            lineStart = nextLine
        }
        finishField(at: end)
        return result(end, bodyStart: end, .endOfInput, defects: &defects)
    }

    /// The name before the colon without trailing whitespace (§4.5.3), if it is all `ftext`.
    private func fieldName(_ bytes: [UInt8], _ lineStart: Int, _ colon: Int) -> Range<Int>? {
        var nameEnd = colon
        while nameEnd > lineStart && ASCII.isWhitespace(bytes[nameEnd - 1]) { nameEnd -= 1 }
        guard nameEnd > lineStart else { return nil }
        for index in lineStart..<nameEnd where !ASCII.isFieldNameCharacter(bytes[index]) { return nil }
        return lineStart..<nameEnd
    }

    /// Records NULs, bare CRs and fields that are not UTF-8 (RFC 6532) in the header.
    private func checkBytes(_ bytes: [UInt8], _ scan: HeaderScan, defects: inout DefectLog) {
        let range = scan.range
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
        for field in scan.fields where bytes.containsNonASCII(in: field.range) {
            if !UTF8Validation.isValid(bytes[field.valueRange]) {
                defects.record(.headerNotUTF8(field: DefectText.excerpt(bytes[field.nameRange])))
            }
        }
    }
}
