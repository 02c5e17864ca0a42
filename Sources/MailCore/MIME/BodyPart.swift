/// One entity of a message's MIME tree (RFC 2045-2049) with everything IMAP needs for
/// BODYSTRUCTURE (RFC 9051 §7.5.2) and for section fetches (§6.4.5), without re-parsing.
///
/// Parts are stored flat, in pre-order, in `MessageStructure.parts`: a part's children
/// follow it, and `descendantCount` says how many parts its subtree holds after it.
/// A multipart has at least one child; a message part (message/rfc822 or message/global
/// that was parsed) has exactly one: the encapsulated message, whose header is its
/// RFC 5322 header and which carries its `envelope`.
public struct BodyPart: Sendable, Hashable {
    /// Which BODYSTRUCTURE form the part takes.
    public enum Kind: UInt8, Sendable, Hashable {
        /// `body-type-basic`: any leaf that is not text (including unparsed message/* parts).
        case basic = 0
        /// `body-type-text`: a text/* leaf; has `lineCount`.
        case text = 1
        /// `body-type-msg`: a parsed message/rfc822 or message/global part; has one child and `lineCount`.
        case message = 2
        /// `body-type-mpart`: a multipart with at least one child.
        case multipart = 3
    }

    public var kind: Kind
    /// The media type, lower-cased (from Content-Type, or the default).
    public var type: String
    /// The subtype, lower-cased.
    public var subtype: String
    /// `body-fld-param`: Content-Type parameters in IMAP form; a text part without a
    /// charset gets `charset=us-ascii` (RFC 2045 §5.2, as Dovecot sends it).
    public var parameters: MIMEParameters
    /// `body-fld-id`: Content-ID, unfolded.
    public var contentID: String?
    /// `body-fld-desc`: Content-Description, unfolded (encoded words kept).
    public var contentDescription: String?
    /// `body-fld-enc`: the Content-Transfer-Encoding token lower-cased; `7bit` by default.
    public var contentTransferEncoding: String
    /// `body-fld-md5`: Content-MD5, unfolded.
    public var contentMD5: String?
    /// `body-fld-dsp`: Content-Disposition.
    public var disposition: ContentDisposition?
    /// `body-fld-lang`: the Content-Language tags.
    public var languages: [String]
    /// `body-fld-loc`: Content-Location, unfolded.
    public var location: String?
    /// The part's header bytes, the empty line after them included (`BODY[n.MIME]`;
    /// for a message, `BODY[HEADER]`). Empty when the part has no header.
    public var headerRange: Range<Int>
    /// The part's body bytes (`BODY[n]`, `BODY[TEXT]`): for a part inside a multipart, up to
    /// the line break before the next delimiter, which belongs to the delimiter (RFC 2046 §5.1.1).
    /// `body-fld-octets` is its count.
    public var bodyRange: Range<Int>
    /// `body-fld-lines`: line feeds in the body, for text and message parts; 0 for others.
    public var lineCount: Int
    /// The envelope, for a part whose header is an RFC 5322 message header: the top-level
    /// part and the child of each message part.
    public var envelope: Envelope?
    /// How many direct children the part has.
    public var childCount: Int
    /// How many parts its subtree holds after it (children, grandchildren, ...).
    public var descendantCount: Int

    public init(kind: Kind, type: String, subtype: String, parameters: MIMEParameters = MIMEParameters(),
                contentID: String? = nil, contentDescription: String? = nil, contentTransferEncoding: String = "7bit",
                contentMD5: String? = nil, disposition: ContentDisposition? = nil, languages: [String] = [],
                location: String? = nil, headerRange: Range<Int>, bodyRange: Range<Int>, lineCount: Int = 0,
                envelope: Envelope? = nil, childCount: Int = 0, descendantCount: Int = 0) {
        self.kind = kind
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
        self.contentID = contentID
        self.contentDescription = contentDescription
        self.contentTransferEncoding = contentTransferEncoding
        self.contentMD5 = contentMD5
        self.disposition = disposition
        self.languages = languages
        self.location = location
        self.headerRange = headerRange
        self.bodyRange = bodyRange
        self.lineCount = lineCount
        self.envelope = envelope
        self.childCount = childCount
        self.descendantCount = descendantCount
    }

    /// A part with no content fields yet (the tree parser fills them in place).
    init(headerRange: Range<Int>, bodyRange: Range<Int>) {
        kind = .basic
        type = ""
        subtype = ""
        parameters = MIMEParameters()
        contentTransferEncoding = "7bit"
        languages = []
        self.headerRange = headerRange
        self.bodyRange = bodyRange
        lineCount = 0
        childCount = 0
        descendantCount = 0
    }

    /// `body-fld-octets`.
    public var size: Int { bodyRange.count }

    /// The transfer encoding, for decoding the body.
    public var transferEncoding: TransferEncoding { TransferEncoding(name: contentTransferEncoding) }

    /// The body with its transfer encoding removed (for IMAP BINARY, RFC 3516, and for text).
    public func decodedBody(in message: [UInt8]) -> TransferDecodingResult {
        guard bodyRange.lowerBound >= 0, bodyRange.upperBound <= message.count else {
            return TransferDecodingResult(bytes: [], hadInvalidInput: true)
        }
        return transferEncoding.decode(message[bodyRange])
    }

    /// The part's text converted to UTF-8 from its charset (HTML left as it is); nil if it is not text.
    public func decodedText(in message: [UInt8]) -> DecodedText? {
        guard kind == .text else { return nil }
        let decoded = decodedBody(in: message)
        return CharsetDecoder.decode(decoded.bytes, charsetNamed: parameters.value(named: "charset"))
    }
}
