/// One thing that was wrong with a message and how the parser coped with it.
/// Offsets are byte positions in the message.
public enum ParseDefect: Sendable, Hashable, CustomStringConvertible {
    /// A header line had no colon or an invalid field name; it was skipped.
    case headerLineWithoutColon(offset: Int)
    /// A header block began with a folded (indented) line; it was skipped.
    case continuationWithoutField(offset: Int)
    /// The message began with an mbox `From ` separator line; it was skipped.
    case mboxSeparatorLine
    /// A header line was longer than the 998 octets RFC 5322 §2.1.1 allows.
    case lineTooLong(offset: Int)
    /// The header had more fields than the limit; the rest were not indexed.
    case tooManyHeaderFields(limit: Int)
    /// A header field held bytes that are not UTF-8; they were read as Windows-1252.
    case headerNotUTF8(field: String)
    /// A header held a NUL byte.
    case nulInHeader(offset: Int)
    /// A header held a carriage return not followed by a line feed.
    case bareCarriageReturn(offset: Int)
    /// A multipart entity had no boundary parameter; it was treated as a single part.
    case missingBoundary(offset: Int)
    /// A multipart ended without its close delimiter (`--boundary--`).
    case missingCloseDelimiter(boundary: String)
    /// A multipart had no body part; an empty text/plain part stands in for it.
    case multipartWithoutParts(offset: Int)
    /// Nesting went deeper than the limit; the entity at that depth was kept unparsed.
    case nestingTooDeep(limit: Int)
    /// The message had more parts than the limit; the rest were not recorded.
    case tooManyParts(limit: Int)
    /// A message/rfc822 part had a transfer encoding other than 7bit/8bit/binary; it was not parsed.
    case encodedMessagePart(offset: Int)
    /// Content-Transfer-Encoding named an unknown encoding; the body was taken as it is.
    case unknownTransferEncoding(String)
    /// A base64 body or encoded word held bytes outside the alphabet or a truncated group.
    case invalidBase64
    /// A quoted-printable body or encoded word held a bad escape.
    case invalidQuotedPrintable
    /// A charset was not known; its text was read as UTF-8 or Windows-1252.
    case unknownCharset(String)
    /// Text was not valid in its declared charset; the bad bytes were replaced.
    case invalidCharsetData(String)
    /// An RFC 2047 encoded word was malformed.
    case malformedEncodedWord
    /// A Content-Type field could not be parsed; text/plain was assumed (RFC 2045 §5.2).
    case malformedContentType(String)
    /// A MIME parameter was malformed (no value, bad RFC 2231 continuation, unclosed quote).
    case malformedParameter(String)
    /// A MIME parameter appeared twice; the first was kept.
    case duplicateParameter(String)
    /// A Date field could not be parsed.
    case malformedDate(String)
    /// An address field was malformed; what could be read was kept.
    case malformedAddress(field: String)
    /// More defects were found than the limit; the rest were not recorded.
    case tooManyDefects

    public var description: String {
        switch self {
        case .headerLineWithoutColon(let offset): "header line at offset \(offset) has no field name and colon; skipped"
        case .continuationWithoutField(let offset): "folded header line at offset \(offset) follows no field; skipped"
        case .mboxSeparatorLine: "message starts with an mbox 'From ' line; skipped"
        case .lineTooLong(let offset): "header line at offset \(offset) is longer than 998 octets"
        case .tooManyHeaderFields(let limit): "header has more than \(limit) fields; the rest are not indexed"
        case .headerNotUTF8(let field): "header field \(field) is not UTF-8; read as Windows-1252"
        case .nulInHeader(let offset): "header contains a NUL byte at offset \(offset)"
        case .bareCarriageReturn(let offset): "header contains a carriage return without line feed at offset \(offset)"
        case .missingBoundary(let offset): "multipart entity at offset \(offset) has no boundary parameter; treated as one part"
        case .missingCloseDelimiter(let boundary): "multipart with boundary \"\(boundary)\" has no close delimiter"
        case .multipartWithoutParts(let offset): "multipart entity at offset \(offset) has no body parts"
        case .nestingTooDeep(let limit): "MIME nesting deeper than \(limit) levels; deeper entities are not parsed"
        case .tooManyParts(let limit): "message has more than \(limit) MIME parts; the rest are not recorded"
        case .encodedMessagePart(let offset): "message part at offset \(offset) has a transfer encoding; not parsed as a message"
        case .unknownTransferEncoding(let name): "unknown Content-Transfer-Encoding \"\(name)\"; body taken as is"
        case .invalidBase64: "invalid base64 data; bad bytes skipped"
        case .invalidQuotedPrintable: "invalid quoted-printable escape; kept literally"
        case .unknownCharset(let name): "unknown charset \"\(name)\"; read as UTF-8 or Windows-1252"
        case .invalidCharsetData(let name): "text is not valid \(name); bad bytes replaced"
        case .malformedEncodedWord: "malformed RFC 2047 encoded word"
        case .malformedContentType(let value): "malformed Content-Type \"\(value)\"; text/plain assumed"
        case .malformedParameter(let name): "malformed MIME parameter \"\(name)\""
        case .duplicateParameter(let name): "duplicate MIME parameter \"\(name)\"; first kept"
        case .malformedDate(let value): "malformed Date \"\(value)\""
        case .malformedAddress(let field): "malformed address in \(field)"
        case .tooManyDefects: "too many defects; the rest are not recorded"
        }
    }
}

/// Collects defects while parsing: each one once, in order, up to a limit.
struct DefectLog {
    private(set) var defects: [ParseDefect] = []
    private var seen: Set<ParseDefect> = []
    let limit: Int

    init(limit: Int) { self.limit = Swift.max(limit, 1) }

    mutating func record(_ defect: ParseDefect) {
        guard defects.count < limit else { return }
        guard seen.insert(defect).inserted else { return }
        if defects.count == limit - 1 {
            defects.append(.tooManyDefects)
        } else {
            defects.append(defect)
        }
    }
}
