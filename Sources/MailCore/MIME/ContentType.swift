/// A Content-Type (RFC 2045 §5): media type, subtype and parameters.
public struct ContentType: Sendable, Hashable {
    /// The media type, lower-cased (`text`, `multipart`, ...).
    public var type: String
    /// The subtype, lower-cased (`plain`, `mixed`, ...).
    public var subtype: String
    public var parameters: MIMEParameters

    public init(type: String, subtype: String, parameters: MIMEParameters = MIMEParameters()) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// `text/plain; charset=us-ascii`, the default of RFC 2045 §5.2.
    public static let defaultText = ContentType(type: "text", subtype: "plain",
                                                parameters: MIMEParameters([MIMEParameter(name: "charset", value: "us-ascii")]))
    /// `message/rfc822`, the default inside multipart/digest (RFC 2046 §5.1.5).
    public static let defaultInDigest = ContentType(type: "message", subtype: "rfc822")

    /// Parses a Content-Type value; nil when it has no `type/subtype`.
    public init?(parsing value: String) {
        var defects = DefectLog(limit: 1)
        guard let parsed = Self.parse(Array(value.utf8)[...], defects: &defects) else { return nil }
        self = parsed
    }

    static func parse(_ value: ArraySlice<UInt8>, defects: inout DefectLog) -> ContentType? {
        var scanner = StructuredFieldScanner(value)
        guard let (type, subtype) = scanTypeAndSubtype(&scanner) else { return nil }
        let parameters = MIMEParameterParser.parse(&scanner, defects: &defects)
        return ContentType(type: lowercasedASCIIString(type), subtype: lowercasedASCIIString(subtype), parameters: parameters)
    }

    /// Reads `type "/" subtype` (comments and whitespace allowed around the parts), leaving
    /// the scanner before the parameters; nil when they are not there.
    static func scanTypeAndSubtype(_ scanner: inout StructuredFieldScanner) -> (type: ArraySlice<UInt8>, subtype: ArraySlice<UInt8>)? {
        scanner.skipWhitespaceAndComments()
        guard let type = scanner.readToken() else { return nil }
        scanner.skipWhitespaceAndComments()
        guard scanner.current == ASCII.slash else { return nil }
        scanner.advance()
        scanner.skipWhitespaceAndComments()
        guard let subtype = scanner.readToken() else { return nil }
        return (type, subtype)
    }

    /// The decoded `charset` parameter.
    public var charset: String? { parameters.value(named: "charset") }
    /// The `boundary` parameter of a multipart.
    public var boundary: String? { parameters.value(named: "boundary") }

    /// `type/subtype` with the parameters, as written in a header Martlet generates.
    public var headerValue: String { "\(type)/\(subtype)" + parameters.headerText }
}
